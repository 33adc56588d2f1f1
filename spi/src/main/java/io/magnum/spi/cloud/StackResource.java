package io.magnum.spi.cloud;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One resource of a stack, as {@code heat resource-list} shows it.
 *
 * <pre>{@code
 * cloud.stacks().resources(stackId).forEach(r -> log.info("{} {} {}", r.name(), r.type(), r.status()));
 * }</pre>
 *
 * @param name         the resource name in its template
 * @param physicalId   the id of what it made, or empty before it made anything
 * @param type         its type, such as {@code OS::Nova::Server}
 * @param status       action and state, such as {@code CREATE_COMPLETE}
 * @param statusReason why, such as {@code state changed}
 * @param requiredBy   the resources that depend on it
 * @param nestedStackId the id of its nested stack (template resources, groups), or null
 * @param updatedAt    when it last changed state
 */
public record StackResource(
        String name,
        String physicalId,
        String type,
        String status,
        String statusReason,
        List<String> requiredBy,
        String nestedStackId,
        Instant updatedAt)
{
    public StackResource
    {
        requireNonNull(name, "name is null");
        requireNonNull(physicalId, "physicalId is null");
        requireNonNull(type, "type is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusReason, "statusReason is null");
        requiredBy = List.copyOf(requireNonNull(requiredBy, "requiredBy is null"));
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
