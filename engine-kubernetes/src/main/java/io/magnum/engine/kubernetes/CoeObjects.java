package io.magnum.engine.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.ObjectKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Presents Kubernetes objects with the seed's columns, as Magnum's conductor read them: uid as uuid; a pod's
 * images ({@code spec.containers[].image}), host ({@code spec.nodeName}) and status ({@code status.phase}); a
 * replication controller's replicas, selector and template images; a service's ports (an unnamed one is named
 * {@code k8s-service}), selector and cluster IP.
 */
final class CoeObjects
{
    /** Magnum's name for a service port that has none. */
    static final String UNNAMED_PORT = "k8s-service";

    private CoeObjects()
    {
    }

    static CoeObject of(ObjectKind kind, HasMetadata object, KubernetesSerialization serialization)
    {
        ObjectMeta metadata = object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
        String uid = text(metadata.getUid());
        String name = text(metadata.getName());
        Map<String, String> labels = map(metadata.getLabels());
        String manifest = serialization.asJson(object);
        return switch (kind) {
            case POD -> {
                Pod pod = (Pod) object;
                yield new CoeObject(kind, uid, name, labels, Map.of(), images(pod.getSpec()),
                        Optional.ofNullable(pod.getSpec()).map(PodSpec::getNodeName).filter(s -> !s.isEmpty()),
                        Optional.ofNullable(pod.getStatus()).map(s -> s.getPhase()).filter(s -> !s.isEmpty()),
                        Optional.empty(), List.of(), Optional.empty(), manifest);
            }
            case REPLICATION_CONTROLLER -> {
                ReplicationController rc = (ReplicationController) object;
                var spec = rc.getSpec();
                PodSpec template = spec == null ? null
                        : Optional.ofNullable(spec.getTemplate()).map(PodTemplateSpec::getSpec).orElse(null);
                yield new CoeObject(kind, uid, name, labels, spec == null ? Map.of() : map(spec.getSelector()),
                        images(template), Optional.empty(), Optional.empty(),
                        // the apiserver defaults replicas to 1
                        Optional.of(spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas()),
                        List.of(), Optional.empty(), manifest);
            }
            case SERVICE -> {
                Service service = (Service) object;
                var spec = service.getSpec();
                yield new CoeObject(kind, uid, name, labels, spec == null ? Map.of() : map(spec.getSelector()),
                        List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                        spec == null || spec.getPorts() == null ? List.of()
                                : spec.getPorts().stream().map(CoeObjects::port).toList(),
                        Optional.ofNullable(spec).map(s -> s.getClusterIP()).filter(s -> !s.isEmpty()), manifest);
            }
        };
    }

    private static CoeObject.ServicePort port(ServicePort port)
    {
        int number = port.getPort() == null ? 0 : port.getPort();
        IntOrString target = port.getTargetPort();
        String targetPort;
        if (target == null) {
            targetPort = String.valueOf(number);  // the apiserver defaults it to the port
        }
        else if (target.getIntVal() != null) {
            targetPort = String.valueOf(target.getIntVal());
        }
        else {
            targetPort = text(target.getStrVal());
        }
        String name = port.getName() == null || port.getName().isEmpty() ? UNNAMED_PORT : port.getName();
        String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
        return new CoeObject.ServicePort(name, protocol, number, targetPort);
    }

    private static List<String> images(PodSpec spec)
    {
        if (spec == null || spec.getContainers() == null) {
            return List.of();
        }
        return spec.getContainers().stream().map(Container::getImage).filter(i -> i != null && !i.isEmpty())
                .toList();
    }

    private static Map<String, String> map(Map<String, String> map)
    {
        if (map == null) {
            return Map.of();
        }
        // Map.copyOf refuses null values; Kubernetes allows empty strings, never nulls, but be safe
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null) {
                copy.put(k, v == null ? "" : v);
            }
        });
        return copy;
    }

    private static String text(String s)
    {
        return s == null ? "" : s;
    }
}
