package io.magnum.model;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.magnum.spi.coe.CoeObject.ServicePort;

import static java.util.Objects.requireNonNull;

/**
 * A service of a Kubernetes bay, as Kubernetes reports it ({@code coe-service-show}).
 *
 * @param uuid     Kubernetes' uid
 * @param name     the name
 * @param bayUuid  the bay
 * @param labels   the labels
 * @param selector the pods it selects
 * @param ports    its ports (an unnamed one is named {@code k8s-service}, as in Magnum)
 * @param ip       its cluster IP
 * @param manifest the service as Kubernetes returned it, JSON
 */
public record CoeService(String uuid, String name, String bayUuid, Map<String, String> labels,
                         Map<String, String> selector, List<ServicePort> ports, Optional<String> ip, String manifest)
{
    public CoeService
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(bayUuid, "bayUuid is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        selector = Map.copyOf(requireNonNull(selector, "selector is null"));
        ports = List.copyOf(requireNonNull(ports, "ports is null"));
        requireNonNull(ip, "ip is null");
        requireNonNull(manifest, "manifest is null");
    }

    /** @return every field under Magnum's names, as {@code coe-service-show} prints them */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uuid", uuid);
        map.put("name", name);
        map.put("bay_uuid", bayUuid);
        map.put("labels", labels);
        map.put("selector", selector);
        map.put("ip", ip.orElse(null));
        map.put("ports", ports.stream().map(p -> {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("name", p.name());
            port.put("protocol", p.protocol());
            port.put("port", p.port());
            port.put("targetPort", p.targetPort());
            return port;
        }).toList());
        map.put("manifest_url", null);
        return map;
    }
}
