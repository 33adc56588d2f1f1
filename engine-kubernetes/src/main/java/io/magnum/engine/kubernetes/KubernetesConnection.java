package io.magnum.engine.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ManifestObjects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * A Kubernetes bay's connection: one fabric8 client, shared by all callers (it is thread-safe), closed once.
 */
final class KubernetesConnection implements CoeConnection
{
    private static final Logger log = LoggerFactory.getLogger(KubernetesConnection.class);

    private final String address;
    private final KubernetesClient client;
    private final KubernetesObjects objects;
    private final AtomicBoolean closed = new AtomicBoolean();

    KubernetesConnection(String address, KubernetesClient client, KubernetesObjects objects)
    {
        this.address = requireNonNull(address, "address is null");
        this.client = requireNonNull(client, "client is null");
        this.objects = requireNonNull(objects, "objects is null");
    }

    @Override
    public Optional<ManifestObjects> manifests()
    {
        return Optional.of(objects);
    }

    /**
     * Lists the nodes: healthy when the API answers and every node has condition {@code Ready=True}. Per node (by
     * its {@code InternalIP}, or its name when it has none): {@code Ready} or {@code NotReady}.
     */
    @Override
    public BayHealth health()
    {
        List<Node> nodes;
        try {
            nodes = KubernetesObjects.call("list nodes", () -> client.nodes().list().getItems());
        }
        catch (CoeException e) {
            return new BayHealth(BayHealth.Status.UNHEALTHY, e.getMessage(), Map.of());
        }
        if (nodes.isEmpty()) {
            return new BayHealth(BayHealth.Status.UNHEALTHY, "the Kubernetes API at " + address
                    + " answers, but no node is registered", Map.of());
        }
        Map<String, String> byNode = new LinkedHashMap<>();
        int ready = 0;
        for (Node node : nodes) {
            boolean isReady = ready(node);
            byNode.put(address(node), isReady ? "Ready" : "NotReady");
            ready += isReady ? 1 : 0;
        }
        if (ready == nodes.size()) {
            return new BayHealth(BayHealth.Status.HEALTHY, "the Kubernetes API answers and all " + nodes.size()
                    + " nodes are Ready", byNode);
        }
        return new BayHealth(BayHealth.Status.UNHEALTHY, (nodes.size() - ready) + " of " + nodes.size()
                + " nodes are not Ready", byNode);
    }

    /**
     * The nodes a scale-down should remove: those running the fewest pods (in any namespace) first, empty ones
     * before any other, by their {@code InternalIP}. When {@code candidates} is not empty only those addresses are
     * considered (the bay's minions, not its masters).
     */
    List<String> removableNodes(Set<String> candidates, int count)
    {
        List<Node> nodes = KubernetesObjects.call("list nodes", () -> client.nodes().list().getItems());
        List<Pod> pods = KubernetesObjects.call("list pods",
                () -> client.pods().inAnyNamespace().list().getItems());
        Map<String, Integer> podsByNode = new HashMap<>();
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (node != null && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                podsByNode.merge(node, 1, Integer::sum);
            }
        }
        record Candidate(String address, int pods, int order)
        {
        }
        List<Candidate> found = new ArrayList<>();
        for (Node node : nodes) {
            Optional<String> internal = internalIp(node);
            if (internal.isEmpty() || !candidates.isEmpty() && !candidates.contains(internal.get())) {
                continue;
            }
            String name = node.getMetadata() == null ? "" : node.getMetadata().getName();
            found.add(new Candidate(internal.get(), podsByNode.getOrDefault(name, 0), found.size()));
        }
        found.sort(Comparator.comparingInt(Candidate::pods).thenComparingInt(Candidate::order));
        List<String> chosen = found.stream().limit(Math.max(0, count)).map(Candidate::address).toList();
        log.debug("Kubernetes at {}: nodes by pods {}, removing {}", address, found, chosen);
        return chosen;
    }

    private static boolean ready(Node node)
    {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    private static String address(Node node)
    {
        return internalIp(node).orElse(node.getMetadata() == null ? "?" : node.getMetadata().getName());
    }

    private static Optional<String> internalIp(Node node)
    {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).filter(a -> a != null && !a.isEmpty()).findFirst();
    }

    @Override
    public void close()
    {
        if (closed.compareAndSet(false, true)) {
            try {
                client.close();
            }
            catch (RuntimeException e) {
                log.debug("Closing the Kubernetes client of {} failed: {}", address, e.toString());
            }
        }
    }

    @Override
    public String toString()
    {
        return "KubernetesConnection[" + address + "]";
    }
}
