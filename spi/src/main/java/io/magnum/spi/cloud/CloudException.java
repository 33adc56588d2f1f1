package io.magnum.spi.cloud;

/**
 * The cloud could not answer: it is unreachable, refused the credentials, or failed. Not used for "not found",
 * which the lookup methods of {@link Cloud} express with an empty {@link java.util.Optional}.
 */
public class CloudException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CloudException(String message)
    {
        super(message);
    }

    public CloudException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
