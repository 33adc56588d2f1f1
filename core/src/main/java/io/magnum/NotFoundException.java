package io.magnum;

/**
 * The object does not exist, or belongs to another project and is not public.
 *
 * <pre>{@code magnum.bayModels().get("nope")}</pre>
 */
public class NotFoundException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message)
    {
        super(ErrorCode.NOT_FOUND, message);
    }

    public NotFoundException(String message, Throwable cause)
    {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
