package io.magnum;

import static java.util.Objects.requireNonNull;

/**
 * The root of every failure magnum4j reports. Unchecked; {@link #code()} says what kind of failure it is, and
 * subclasses carry the details ({@link InvalidInputException#violations()}). Failures of the libraries underneath
 * (the database, the cloud client) never escape unwrapped: they are the {@linkplain #getCause() cause}.
 *
 * <pre>{@code
 * try {
 *     magnum.bayModels().delete("k8sbaymodel");
 * } catch (MagnumException e) {
 *     log.warn("{} ({})", e.getMessage(), e.code());
 * }
 * }</pre>
 */
public class MagnumException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public MagnumException(ErrorCode code, String message)
    {
        this(code, message, null);
    }

    public MagnumException(ErrorCode code, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    /** @return the kind of failure */
    public ErrorCode code()
    {
        return code;
    }
}
