package io.magnum.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A registered Magnum service, as {@code magnum service-list} shows it. {@link #state()} is {@code up} while the
 * service's last heartbeat is more recent than the service down time (180 s by default) and it is not forced down.
 *
 * <pre>{@code
 * MagnumService conductor = magnum.magnumServices().list().get(0);
 * conductor.binary();   // "magnum-conductor"
 * conductor.state();    // "up"
 * }</pre>
 *
 * @param id             the row id
 * @param host           the host the service runs on
 * @param binary         the service, {@code magnum-conductor}
 * @param state          {@code up} or {@code down}
 * @param reportCount    heartbeats received
 * @param disabled       whether it is disabled
 * @param disabledReason why, or null
 * @param lastSeenUp     the last heartbeat, or null
 * @param forcedDown     whether it is forced down
 * @param createdAt      when it first registered
 * @param updatedAt      when the row last changed, or null
 */
public record MagnumService(
        long id,
        String host,
        String binary,
        String state,
        int reportCount,
        boolean disabled,
        String disabledReason,
        Instant lastSeenUp,
        boolean forcedDown,
        Instant createdAt,
        Instant updatedAt)
{
    public MagnumService
    {
        requireNonNull(host, "host is null");
        requireNonNull(binary, "binary is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** @return every field under Magnum's name, in the order of Magnum's API */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("host", host);
        map.put("binary", binary);
        map.put("state", state);
        map.put("report_count", reportCount);
        map.put("disabled", disabled);
        map.put("disabled_reason", disabledReason);
        map.put("last_seen_up", lastSeenUp);
        map.put("forced_down", forcedDown);
        map.put("created_at", createdAt);
        map.put("updated_at", updatedAt);
        return map;
    }
}
