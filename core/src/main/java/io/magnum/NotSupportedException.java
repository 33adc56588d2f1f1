package io.magnum;

/**
 * No loaded driver provides what was asked, such as a (coe, server_type, os_distro) without a driver.
 *
 * <pre>{@code magnum.bayModels().create(specForAnUnknownCoe)}</pre>
 */
public class NotSupportedException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    public NotSupportedException(String message)
    {
        super(ErrorCode.NOT_SUPPORTED, message);
    }

    public NotSupportedException(String message, Throwable cause)
    {
        super(ErrorCode.NOT_SUPPORTED, message, cause);
    }
}
