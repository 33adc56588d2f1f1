package io.magnum.model;

/**
 * A bay's status, as Magnum reports it (Heat's stack statuses, copied).
 *
 * <pre>{@code
 * if (bay.status().inProgress()) { ... }
 * }</pre>
 */
public enum BayStatus
{
    CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
    UPDATE_IN_PROGRESS, UPDATE_FAILED, UPDATE_COMPLETE,
    DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE,
    RESUME_COMPLETE, RESTORE_COMPLETE, ROLLBACK_COMPLETE, SNAPSHOT_COMPLETE, CHECK_COMPLETE, ADOPT_COMPLETE;

    /** @return whether an operation is running ({@code *_IN_PROGRESS}) */
    public boolean inProgress()
    {
        return name().endsWith("_IN_PROGRESS");
    }

    /** @return whether the last operation failed ({@code *_FAILED}) */
    public boolean failed()
    {
        return name().endsWith("_FAILED");
    }

    /** @return whether the bay is usable and may be updated ({@code *_COMPLETE}) */
    public boolean complete()
    {
        return name().endsWith("_COMPLETE");
    }
}
