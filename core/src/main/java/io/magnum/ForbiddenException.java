package io.magnum;

/**
 * The caller may see the object but not do this: change another project's public baymodel, publish without the admin role.
 *
 * <pre>{@code magnum.as(otherProject).bayModels().delete("shared")}</pre>
 */
public class ForbiddenException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message)
    {
        super(ErrorCode.FORBIDDEN, message);
    }

    public ForbiddenException(String message, Throwable cause)
    {
        super(ErrorCode.FORBIDDEN, message, cause);
    }
}
