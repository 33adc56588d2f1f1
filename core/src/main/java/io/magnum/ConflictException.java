package io.magnum;

/**
 * The request clashes with current state: a name already taken in the project, a baymodel still used by a bay, an ambiguous name.
 *
 * <pre>{@code magnum.bayModels().create(sameNameTwice)}</pre>
 */
public class ConflictException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    public ConflictException(String message)
    {
        super(ErrorCode.CONFLICT, message);
    }

    public ConflictException(String message, Throwable cause)
    {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
