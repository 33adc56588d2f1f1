package io.magnum.model;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A pod of a Kubernetes bay, as Kubernetes reports it ({@code pod-show}).
 *
 * @param uuid     Kubernetes' uid
 * @param name     the name
 * @param bayUuid  the bay
 * @param labels   the labels
 * @param images   its containers' images
 * @param host     the node it runs on, empty until scheduled
 * @param status   its phase, such as {@code Running}
 * @param manifest the pod as Kubernetes returned it, JSON
 */
public record Pod(String uuid, String name, String bayUuid, Map<String, String> labels, List<String> images,
                  Optional<String> host, Optional<String> status, String manifest)
{
    public Pod
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(bayUuid, "bayUuid is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        images = List.copyOf(requireNonNull(images, "images is null"));
        requireNonNull(host, "host is null");
        requireNonNull(status, "status is null");
        requireNonNull(manifest, "manifest is null");
    }

    /**
     * @return every field under Magnum's names, as {@code pod-show} prints them (desc and manifest_url are always
     *         null: Kubernetes keeps neither)
     */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uuid", uuid);
        map.put("name", name);
        map.put("desc", null);
        map.put("bay_uuid", bayUuid);
        map.put("images", images);
        map.put("labels", labels);
        map.put("status", status.orElse(null));
        map.put("host", host.orElse(null));
        map.put("manifest_url", null);
        return map;
    }
}
