package io.magnum.model;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A replication controller of a Kubernetes bay, as Kubernetes reports it ({@code rc-show}).
 *
 * @param uuid     Kubernetes' uid
 * @param name     the name
 * @param bayUuid  the bay
 * @param labels   the labels
 * @param images   its pod template's images
 * @param selector the pods it controls
 * @param replicas the replicas wanted
 * @param manifest the controller as Kubernetes returned it, JSON
 */
public record ReplicationController(String uuid, String name, String bayUuid, Map<String, String> labels,
                                    List<String> images, Map<String, String> selector, int replicas, String manifest)
{
    public ReplicationController
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(bayUuid, "bayUuid is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        images = List.copyOf(requireNonNull(images, "images is null"));
        selector = Map.copyOf(requireNonNull(selector, "selector is null"));
        requireNonNull(manifest, "manifest is null");
    }

    /** @return every field under Magnum's names, as {@code rc-show} prints them */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uuid", uuid);
        map.put("name", name);
        map.put("bay_uuid", bayUuid);
        map.put("images", images);
        map.put("labels", labels);
        map.put("selector", selector);
        map.put("replicas", replicas);
        map.put("manifest_url", null);
        return map;
    }
}
