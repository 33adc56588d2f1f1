package io.magnum.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A bay: a cluster built from a baymodel by a Heat stack. {@link #attributes()} gives every field under Magnum's
 * names, as {@code bay-show} prints them.
 *
 * <pre>{@code
 * Bay bay = magnum.bays().get("k8sbay");
 * bay.status();          // BayStatus.CREATE_COMPLETE
 * bay.apiAddress();      // "https://172.24.4.3:6443"
 * }</pre>
 */
public record Bay(
        String uuid,
        String name,
        String projectId,
        String userId,
        String bayModelId,
        String stackId,
        BayStatus status,
        String statusReason,
        int nodeCount,
        int masterCount,
        String discoveryUrl,
        String apiAddress,
        List<String> nodeAddresses,
        List<String> masterAddresses,
        int bayCreateTimeout,
        Instant createdAt,
        Instant updatedAt)
{
    public Bay
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(bayModelId, "bayModelId is null");
        requireNonNull(status, "status is null");
        nodeAddresses = List.copyOf(requireNonNull(nodeAddresses, "nodeAddresses is null"));
        masterAddresses = List.copyOf(requireNonNull(masterAddresses, "masterAddresses is null"));
        requireNonNull(createdAt, "createdAt is null");
    }

    /** @return every field under Magnum's name, in {@code bay-show}'s order of the seed */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.name());
        map.put("uuid", uuid);
        map.put("stack_id", stackId);
        map.put("status_reason", statusReason);
        map.put("created_at", createdAt);
        map.put("updated_at", updatedAt);
        map.put("bay_create_timeout", bayCreateTimeout);
        map.put("api_address", apiAddress);
        map.put("baymodel_id", bayModelId);
        map.put("node_count", nodeCount);
        map.put("node_addresses", nodeAddresses);
        map.put("master_count", masterCount);
        map.put("master_addresses", masterAddresses);
        map.put("discovery_url", discoveryUrl);
        map.put("name", name);
        map.put("project_id", projectId);
        map.put("user_id", userId);
        return map;
    }
}
