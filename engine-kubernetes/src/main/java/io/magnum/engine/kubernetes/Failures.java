package io.magnum.engine.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Turns what fabric8 throws into {@link CoeException}s, keeping it as the cause: 404 is {@code NOT_FOUND}, 409
 * {@code CONFLICT}, 400 and 422 {@code INVALID} (field {@code manifest}), a failed TLS handshake {@code TLS}, a
 * refused or timed-out connection {@code UNREACHABLE}, anything else {@code FAILED}.
 */
final class Failures
{
    /** TLS alerts a server sends when it refuses our certificate (TLS 1.3 reports them after the handshake). */
    private static final String[] TLS_ALERTS = {"bad_certificate", "certificate_unknown", "certificate_required",
            "unknown_ca", "certificate_expired", "certificate_revoked", "handshake_failure", "access_denied"};

    private Failures()
    {
    }

    /**
     * @param e    what fabric8 (or its transport) threw
     * @param what the call, such as {@code create pod redis-master}, for the message
     * @return the exception to throw
     */
    static CoeException translate(RuntimeException e, String what)
    {
        if (e instanceof CoeException coe) {
            return coe;
        }
        int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
        String detail = detail(e);
        switch (code) {
            case 404:
                return new CoeException(Reason.NOT_FOUND, what + ": not found" + suffix(detail), e);
            case 409:
                return new CoeException(Reason.CONFLICT, what + ": " + orElse(detail, "conflict"), e);
            case 400:
            case 422:
                return new CoeException(Reason.INVALID, Manifests.FIELD, what + ": the Kubernetes API refused it: "
                        + orElse(detail, "invalid"), e);
            default:
                break;
        }
        if (code > 0) {
            return new CoeException(Reason.FAILED, what + ": the Kubernetes API answered HTTP " + code
                    + suffix(detail), e);
        }
        Throwable tls = find(e, SSLException.class);
        if (tls != null || mentionsTlsAlert(e)) {
            return new CoeException(Reason.TLS, what + ": the TLS handshake with the bay's Kubernetes API failed ("
                    + message(tls == null ? e : tls) + ")", e);
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null
                || find(e, UnknownHostException.class) != null || find(e, UnresolvedAddressException.class) != null
                || find(e, SocketTimeoutException.class) != null || find(e, TimeoutException.class) != null) {
            return new CoeException(Reason.UNREACHABLE, what + ": the bay's Kubernetes API cannot be reached ("
                    + message(root(e)) + ")", e);
        }
        return new CoeException(Reason.FAILED, what + ": " + message(root(e)), e);
    }

    private static String detail(RuntimeException e)
    {
        if (e instanceof KubernetesClientException k) {
            Status status = k.getStatus();
            if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
                return status.getMessage();
            }
        }
        return "";
    }

    private static boolean mentionsTlsAlert(Throwable e)
    {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (String alert : TLS_ALERTS) {
                if (m.contains(alert)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type)
    {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static Throwable root(Throwable e)
    {
        Throwable root = e;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
            root = root.getCause();
        }
        return root;
    }

    private static String message(Throwable t)
    {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String suffix(String detail)
    {
        return detail.isEmpty() ? "" : " (" + detail + ")";
    }

    private static String orElse(String detail, String fallback)
    {
        return detail.isEmpty() ? fallback : detail;
    }
}
