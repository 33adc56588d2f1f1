package io.magnum.spi.cloud;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A state change of a stack or of one of its resources, as {@code heat event-list} shows it. Stack-level events
 * carry the stack's name as {@code resourceName}.
 *
 * <pre>{@code
 * cloud.stacks().events(stackId).stream().filter(e -> e.status().endsWith("_FAILED")).findFirst();
 * }</pre>
 *
 * @param id           the event id
 * @param resourceName the resource (or stack) name
 * @param physicalId   the resource's physical id, or empty
 * @param status       the new status, such as {@code CREATE_COMPLETE}
 * @param statusReason why
 * @param time         when
 */
public record StackEvent(String id, String resourceName, String physicalId, String status, String statusReason, Instant time)
{
    public StackEvent
    {
        requireNonNull(id, "id is null");
        requireNonNull(resourceName, "resourceName is null");
        requireNonNull(physicalId, "physicalId is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusReason, "statusReason is null");
        requireNonNull(time, "time is null");
    }
}
