package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackResource;
import org.openstack4j.model.common.Link;
import org.openstack4j.model.heat.Resource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Heat's JSON, as openstack4j reads it or as it comes, to the cloud contract's records. */
final class HeatMapping
{
    /** A stack Heat still lists after deleting it; the contract treats it as gone. */
    static final String DELETE_COMPLETE = "DELETE_COMPLETE";

    private HeatMapping()
    {
    }

    static Stack stack(org.openstack4j.model.heat.Stack heat)
    {
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (heat.getOutputs() != null) {
            for (Map<String, Object> output : heat.getOutputs()) {
                Object key = output.get("output_key");
                Object value = output.get("output_value");
                // an output Heat cannot evaluate yet comes with a null value, or with output_error
                if (key != null && value != null && output.get("output_error") == null) {
                    outputs.put(key.toString(), value);
                }
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (heat.getParameters() != null) {
            heat.getParameters().forEach((key, value) -> {
                if (key != null && value != null) {
                    parameters.put(key, value);
                }
            });
        }
        Instant createdAt = instant(heat.getCreationTime());
        return new Stack(
                heat.getId(),
                nonNull(heat.getName()),
                heat.getStatus() == null ? "UNKNOWN" : heat.getStatus(),
                nonNull(heat.getStackStatusReason()),
                parameters,
                outputs,
                heat.getTimeoutMins() == null ? 0 : heat.getTimeoutMins().intValue(),
                createdAt == null ? Instant.EPOCH : createdAt,
                instant(heat.getUpdatedTime()));
    }

    static StackResource resource(Resource heat)
    {
        return new StackResource(
                nonNull(heat.getResourceName()),
                nonNull(heat.getPhysicalResourceId()),
                nonNull(heat.getType()),
                nonNull(heat.getResourceStatus()),
                nonNull(heat.getReason()),
                heat.getRequiredBy() == null ? List.of() : heat.getRequiredBy(),
                nestedStackId(heat.getLinks()),
                heat.getTime() == null ? Instant.EPOCH : heat.getTime().toInstant());
    }

    /** An event from Heat's {@code GET /stacks/{name}/{id}/events}, read as JSON. */
    static StackEvent event(JsonNode heat)
    {
        Instant time = instant(text(heat, "event_time"));
        return new StackEvent(
                text(heat, "id") == null ? "" : text(heat, "id"),
                nonNull(text(heat, "resource_name")),
                nonNull(text(heat, "physical_resource_id")),
                nonNull(text(heat, "resource_status")),
                nonNull(text(heat, "resource_status_reason")),
                time == null ? Instant.EPOCH : time);
    }

    /**
     * Events oldest first. Heat's times have whole seconds, so Heat's own order (by its finer creation time) decides
     * among events of the same second: asked with {@code sort_dir=asc} it lists oldest first, and a Heat that ignores
     * that lists newest first, which is turned around before the (stable) sort.
     *
     * @param events events in Heat's order
     * @return the same events, oldest first
     */
    static List<StackEvent> oldestFirst(List<StackEvent> events)
    {
        List<StackEvent> sorted = new ArrayList<>(events);
        if (sorted.size() > 1 && sorted.get(0).time().isAfter(sorted.get(sorted.size() - 1).time())) {
            Collections.reverse(sorted);
        }
        sorted.sort(Comparator.comparing(StackEvent::time));
        return sorted;
    }

    /**
     * Heat writes times as {@code 2016-02-24T19:57:54Z}; older releases and some fields leave the zone out (UTC) or
     * add fractions.
     *
     * @param text the time, or null
     * @return the instant, or null when absent or unreadable
     */
    static Instant instant(String text)
    {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** A template resource or group links to its nested stack as {@code .../stacks/{name}/{id}} with rel "nested". */
    private static String nestedStackId(List<? extends Link> links)
    {
        if (links == null) {
            return null;
        }
        for (Link link : links) {
            if ("nested".equals(link.getRel()) && link.getHref() != null) {
                String href = link.getHref();
                while (href.endsWith("/")) {
                    href = href.substring(0, href.length() - 1);
                }
                return href.substring(href.lastIndexOf('/') + 1);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String nonNull(String value)
    {
        return value == null ? "" : value;
    }
}
