package io.magnum.spi.coe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A manifest object as the COE reports it, with the columns of the seed's tables: pods show uuid, name, labels,
 * images, host and status; replication controllers replicas, selector and images; services ports, selector and ip.
 * Fields that do not apply to a kind are empty.
 *
 * @param kind     the kind
 * @param uuid     the COE's uid
 * @param name     the name
 * @param labels   the labels
 * @param selector the selector (services, replication controllers)
 * @param images   the container images (pods, replication controllers)
 * @param host     the node a pod runs on, empty until scheduled
 * @param status   a pod's phase (such as {@code Pending}, {@code Running})
 * @param replicas a controller's desired replicas
 * @param ports    a service's ports
 * @param ip       a service's cluster IP
 * @param manifest the object as the COE returned it, as JSON
 */
public record CoeObject(ObjectKind kind, String uuid, String name, Map<String, String> labels,
                        Map<String, String> selector, List<String> images, Optional<String> host,
                        Optional<String> status, Optional<Integer> replicas, List<ServicePort> ports,
                        Optional<String> ip, String manifest)
{
    public CoeObject
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        selector = Map.copyOf(requireNonNull(selector, "selector is null"));
        images = List.copyOf(requireNonNull(images, "images is null"));
        requireNonNull(host, "host is null");
        requireNonNull(status, "status is null");
        requireNonNull(replicas, "replicas is null");
        ports = List.copyOf(requireNonNull(ports, "ports is null"));
        requireNonNull(ip, "ip is null");
        requireNonNull(manifest, "manifest is null");
    }

    /**
     * A service port. Magnum names an unnamed port {@code k8s-service}.
     *
     * @param name       the port's name
     * @param protocol   {@code TCP} or {@code UDP}
     * @param port       the service port
     * @param targetPort the pods' port, as a number or a name
     */
    public record ServicePort(String name, String protocol, int port, String targetPort)
    {
        public ServicePort
        {
            requireNonNull(name, "name is null");
            requireNonNull(protocol, "protocol is null");
            requireNonNull(targetPort, "targetPort is null");
        }
    }
}
