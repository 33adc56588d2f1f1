package io.magnum.engine.swarm;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;

/**
 * Turns what docker-java throws into {@link CoeException}s. The transport wraps I/O failures in plain runtime
 * exceptions, so the cause chain is walked: a TLS failure anywhere in it is {@link Reason#TLS}, a refused or
 * unroutable connection {@link Reason#UNREACHABLE}; then Docker's HTTP status decides. Over TLS, a connection cut
 * without a TLS alert is checked with a {@link TlsProbe}, since TLS 1.3 servers can refuse a client certificate
 * that way.
 */
final class DockerErrors
{
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Docker 20.10 answers some state conflicts with 500 rather than 409. */
    private static final Pattern STATE_CONFLICT = Pattern.compile(
            "is (not running|not paused|already paused|paused|restarting|dead|marked for removal)"
                    + "|cannot (pause|unpause|kill|exec|restart)", Pattern.CASE_INSENSITIVE);
    private static final String[] TLS_ALERTS = {"bad_certificate", "certificate_unknown", "unknown_ca",
            "certificate_required", "handshake_failure", "certificate_expired", "access_denied", "decrypt_error"};

    private final Optional<TlsProbe> probe;

    /** @param probe how to tell a refused client certificate from a cut connection, when TLS is used */
    DockerErrors(Optional<TlsProbe> probe)
    {
        this.probe = probe;
    }

    /**
     * {@link #translate(RuntimeException, String)}, and when that finds only a cut connection over TLS, asks the
     * probe whether the server refuses our certificate.
     *
     * @param e      what docker-java threw
     * @param action what was being done, for the message
     * @return the exception to throw
     */
    CoeException of(RuntimeException e, String action)
    {
        CoeException coe = translate(e, action);
        if (coe.reason() == Reason.FAILED && probe.isPresent() && cutOff(e)) {
            Optional<javax.net.ssl.SSLException> refusal = probe.get().refusal();
            if (refusal.isPresent()) {
                return new CoeException(Reason.TLS, action + ": TLS handshake with the bay's Docker API failed ("
                        + refusal.get().getMessage() + ")", refusal.get());
            }
        }
        return coe;
    }

    /** @return true when the connection was cut under the call (reset, broken pipe, closed before an answer) */
    static boolean cutOff(Throwable e)
    {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof SocketException || name.equals("NoHttpResponseException")
                    || name.equals("ConnectionClosedException") || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param e      what docker-java threw
     * @param action what was being done, such as {@code "start container 3f2a"}, for the message
     * @return the exception to throw
     */
    static CoeException translate(RuntimeException e, String action)
    {
        if (e instanceof CoeException coe) {
            return coe;
        }
        Reason transport = transportReason(e);
        if (transport == Reason.TLS) {
            return new CoeException(Reason.TLS, action + ": TLS handshake with the bay's Docker API failed ("
                    + rootMessage(e) + ")", e);
        }
        if (transport == Reason.UNREACHABLE) {
            return new CoeException(Reason.UNREACHABLE, action + ": the bay's Docker API cannot be reached ("
                    + rootMessage(e) + ")", e);
        }
        if (e instanceof NotFoundException) {
            return new CoeException(Reason.NOT_FOUND, action + ": " + dockerMessage(e), e);
        }
        if (e instanceof ConflictException || e instanceof NotModifiedException) {
            return new CoeException(Reason.CONFLICT, action + ": " + dockerMessage(e), e);
        }
        if (e instanceof BadRequestException) {
            return new CoeException(Reason.INVALID, null, action + ": " + dockerMessage(e), e);
        }
        if (e instanceof DockerException docker && docker.getHttpStatus() == 500
                && STATE_CONFLICT.matcher(dockerMessage(e)).find()) {
            return new CoeException(Reason.CONFLICT, action + ": " + dockerMessage(e), e);
        }
        if (e instanceof DockerException docker) {
            return new CoeException(Reason.FAILED, action + ": Docker answered " + docker.getHttpStatus() + ": "
                    + dockerMessage(e), e);
        }
        return new CoeException(Reason.FAILED, action + ": " + rootMessage(e), e);
    }

    /** @return TLS or UNREACHABLE when the cause chain says so, else null */
    static Reason transportReason(Throwable e)
    {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return Reason.TLS;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            for (String alert : TLS_ALERTS) {
                if (message.contains(alert)) {
                    return Reason.TLS;
                }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof PortUnreachableException
                    || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return Reason.UNREACHABLE;
            }
        }
        return null;
    }

    /** Docker's own words: the {@code message} of its JSON error body, else docker-java's message. */
    static String dockerMessage(RuntimeException e)
    {
        String text = String.valueOf(e.getMessage());
        Matcher m = MESSAGE.matcher(text);
        if (m.find()) {
            return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text.strip();
    }

    private static String rootMessage(Throwable e)
    {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
