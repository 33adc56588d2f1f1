package io.magnum.spi.coe;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A COE refused or failed a call. magnum4j turns each {@link Reason} into its own typed error (not found, conflict,
 * invalid input naming {@link #field()}, not supported, or a COE failure) and keeps this exception as the cause.
 */
public class CoeException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason
    {
        /** The object or container does not exist. */
        NOT_FOUND,
        /** It already exists, or its state forbids the call (such as pausing a stopped container). */
        CONFLICT,
        /** The input is wrong: a manifest that cannot be parsed or is of the wrong kind, an unknown image. */
        INVALID,
        /** The COE does not have this verb or object. */
        UNSUPPORTED,
        /** The TLS handshake failed: the COE refused our client certificate, or we refused its certificate. */
        TLS,
        /** The COE's API cannot be reached. */
        UNREACHABLE,
        /** The COE answered with an error. */
        FAILED
    }

    private final Reason reason;
    private final String field;

    /**
     * @param reason  why
     * @param message one line for the user
     */
    public CoeException(Reason reason, String message)
    {
        this(reason, null, message, null);
    }

    /**
     * @param reason  why
     * @param message one line for the user
     * @param cause   the client's exception
     */
    public CoeException(Reason reason, String message, Throwable cause)
    {
        this(reason, null, message, cause);
    }

    /**
     * @param reason  why
     * @param field   the input field at fault (such as {@code manifest}), or null
     * @param message one line for the user
     * @param cause   the client's exception, or null
     */
    public CoeException(Reason reason, String field, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.field = field;
    }

    /**
     * @param field   the input field at fault
     * @param message what is wrong with it
     * @return an {@link Reason#INVALID} exception naming the field
     */
    public static CoeException invalid(String field, String message)
    {
        return new CoeException(Reason.INVALID, field, message, null);
    }

    /**
     * @param verb what the COE lacks
     * @return an {@link Reason#UNSUPPORTED} exception
     */
    public static CoeException unsupported(String verb)
    {
        return new CoeException(Reason.UNSUPPORTED, "this COE does not support " + verb);
    }

    /** @return why the call failed */
    public Reason reason()
    {
        return reason;
    }

    /** @return the input field at fault, for {@link Reason#INVALID} */
    public Optional<String> field()
    {
        return Optional.ofNullable(field);
    }
}
