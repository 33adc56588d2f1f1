package io.magnum.local.tck;

/**
 * The optional verbs of {@link io.magnum.spi.coe.ContainerEngine}. A {@link ContainerFixture} declares those its
 * driver has; the TCK checks each declared verb works and each other one throws
 * {@link io.magnum.spi.coe.CoeException.Reason#UNSUPPORTED}.
 */
public enum ContainerVerb
{
    /** {@code start}: the container ends {@code RUNNING}. */
    START,
    /** {@code stop}: the container ends {@code STOPPED}. */
    STOP,
    /** {@code pause}: the container ends {@code PAUSED}. */
    PAUSE,
    /** {@code unpause}: the container ends {@code RUNNING}. */
    UNPAUSE,
    /** {@code reboot}: the container ends {@code RUNNING}. */
    REBOOT,
    /** {@code exec}: the command's output comes back. */
    EXEC,
    /** {@code logs}: some text comes back. */
    LOGS,
    /** {@code scale}: instances change (Marathon apps). */
    SCALE
}
