package io.magnum;

/**
 * A bay create that would take a project past its quota (Magnum's {@code ResourceLimitExceeded}, a 403). Nothing
 * was stored: delete a bay, or have an admin raise the quota ({@link Quotas#update}).
 */
public class QuotaExceededException extends ForbiddenException
{
    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * @param message what was refused
     * @param limit   the project's limit
     */
    public QuotaExceededException(String message, int limit)
    {
        super(message);
        this.limit = limit;
    }

    /** @return how many bays the project may hold */
    public int limit()
    {
        return limit;
    }
}
