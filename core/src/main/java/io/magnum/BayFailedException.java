package io.magnum;

import io.magnum.model.Bay;

/**
 * A bay operation ended in a {@code *_FAILED} status; {@link #bay()} has the bay with Heat's reason.
 *
 * <pre>{@code
 * catch (BayFailedException e) { log.warn("{}: {}", e.bay().status(), e.bay().statusReason()); }
 * }</pre>
 */
public class BayFailedException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    private final transient Bay bay;

    public BayFailedException(Bay bay)
    {
        super(ErrorCode.BAY_FAILED, "Bay " + (bay.name() == null ? bay.uuid() : bay.name()) + " is " + bay.status()
                + ": " + bay.statusReason());
        this.bay = bay;
    }

    /** @return the bay, in its failed status */
    public Bay bay()
    {
        return bay;
    }
}
