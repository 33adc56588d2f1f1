package io.magnum.spi.coe;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How a bay's COE is, as its health check found it (later Magnum's {@code health_status} and
 * {@code health_status_reason}).
 *
 * @param status the overall status
 * @param reason why, in one line
 * @param nodes  per node (or component) what was found, such as {@code "10.0.0.5" -> "Ready"}
 */
public record BayHealth(Status status, String reason, Map<String, String> nodes)
{
    public BayHealth
    {
        requireNonNull(status, "status is null");
        requireNonNull(reason, "reason is null");
        nodes = Map.copyOf(requireNonNull(nodes, "nodes is null"));
    }

    /**
     * @param reason why it cannot be told
     * @return an {@link Status#UNKNOWN} health
     */
    public static BayHealth unknown(String reason)
    {
        return new BayHealth(Status.UNKNOWN, reason, Map.of());
    }

    /** The overall status. */
    public enum Status
    {
        /** The COE answers and all its nodes are ready. */
        HEALTHY,
        /** The COE does not answer, or a node is not ready. */
        UNHEALTHY,
        /** Not checked. */
        UNKNOWN
    }
}
