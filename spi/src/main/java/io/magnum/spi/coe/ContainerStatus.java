package io.magnum.spi.coe;

/** A container's status, in Magnum's words. */
public enum ContainerStatus
{
    /** Being created. */
    CREATING("Creating"),
    /** Running. */
    RUNNING("Running"),
    /** Created or exited, not running. */
    STOPPED("Stopped"),
    /** Paused. */
    PAUSED("Paused"),
    /** Failed, or gone from the COE. */
    ERROR("Error"),
    /** The COE cannot tell. */
    UNKNOWN("Unknown");

    private final String label;

    ContainerStatus(String label)
    {
        this.label = label;
    }

    /** @return Magnum's word for it, such as {@code Running} */
    public String label()
    {
        return label;
    }
}
