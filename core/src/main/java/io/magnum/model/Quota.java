package io.magnum.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A project's limit on a resource, as {@code magnum quotas-show} prints it. The only resource is {@code Cluster}
 * (bays): a project may hold at most {@code hardLimit} bays. A project without a quota row has the default limit
 * ({@code Magnum.Builder#maxBaysPerProject}, Magnum's {@code [quotas] max_clusters_per_project}, 20), shown with a
 * null id and creation time.
 *
 * <pre>{@code
 * magnum.quotas().create("7d4e...", Quota.CLUSTER, 5);
 * magnum.quotas().get("7d4e...", Quota.CLUSTER).hardLimit();   // 5
 * }</pre>
 *
 * @param id        the row id, or null for a default
 * @param projectId the project
 * @param resource  {@link #CLUSTER}
 * @param hardLimit how many the project may hold, 0 or more
 * @param createdAt when it was set, or null for a default
 * @param updatedAt when it last changed, or null
 */
public record Quota(Long id, String projectId, String resource, int hardLimit, Instant createdAt, Instant updatedAt)
{
    /** The one resource Magnum counts: clusters (bays). */
    public static final String CLUSTER = "Cluster";

    public Quota
    {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(resource, "resource is null");
    }

    /** @return whether no row sets this limit, so it is the default one */
    public boolean isDefault()
    {
        return id == null;
    }

    /** @return every field under Magnum's name, in the order of Magnum's API */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("project_id", projectId);
        map.put("resource", resource);
        map.put("hard_limit", hardLimit);
        map.put("created_at", createdAt);
        map.put("updated_at", updatedAt);
        return map;
    }
}
