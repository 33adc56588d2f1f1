package io.magnum.engine.kubernetes;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.LabelRules;
import io.magnum.spi.StackContext;
import io.magnum.spi.StackParameters;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.templates.HeatTemplates;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Kubernetes on Fedora Atomic virtual machines ({@code k8s_fedora_atomic_v1}), networked with flannel.
 *
 * <pre>{@code
 * ServiceLoader.load(CoeDriver.class)   // finds this driver when engine-kubernetes is on the class path
 * }</pre>
 *
 * <p>{@link #connect} gives a bay's pods, services and replication controllers (namespace {@code default}) and its
 * health through the fabric8 Kubernetes client, with mutual TLS from the bay's certificates unless the baymodel has
 * {@code tls_disabled}. All the driver's clients share one Vert.x instance of daemon threads, made on the first
 * {@code connect} and released by {@link #close()}.
 *
 * <p>Thread-safe.
 */
public final class KubernetesDriver implements CoeDriver
{
    /** The COE this driver serves. */
    public static final String COE = "kubernetes";

    private static final Logger log = LoggerFactory.getLogger(KubernetesDriver.class);

    private final KubernetesClients clients = new KubernetesClients();
    private final Manifests manifests = new Manifests();

    @Override
    public String name()
    {
        return "k8s_fedora_atomic_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "fedora-atomic"));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("flannel");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "flannel";
    }

    /** Checks the flannel labels the Kubernetes template reads. */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        return LabelRules.flannel(model.labels());
    }

    /** {@code kubecluster.yaml} with Magnum's parameter mapping; TLS off serves the API over HTTP on 8080. */
    @Override
    public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
    {
        Map<String, String> files = HeatTemplates.load("kubernetes");
        StackParameters p = StackParameters.base(model, bay)
                .put("minion_flavor", model.flavorId())
                .put("number_of_minions", bay.nodeCount())
                .put("network_driver", model.networkDriver())
                .put("tls_disabled", model.tlsDisabled())
                .put("kubernetes_port", port(model))
                .put("loadbalancing_protocol", model.tlsDisabled() ? "HTTP" : "TCP")
                .put("registry_enabled", model.registryEnabled())
                .put("discovery_url", bay.discoveryUrl())
                .put("bay_uuid", bay.uuid())
                .put("magnum_url", context.magnumUrl())
                .put("user_token", context.userToken())
                .put("username", context.username())
                .put("tenant_name", context.tenantName())
                .put("auth_url", context.authUrl())
                .labels(model.labels(), "flannel_network_cidr", "flannel_network_subnetlen", "flannel_use_vxlan",
                        "flannel_backend");
        return new TemplateDefinition(files.get("kubecluster.yaml"), files, p.build());
    }

    /**
     * Connects to a bay's Kubernetes API. Does no network I/O: the first object call connects.
     *
     * @throws CoeException {@code TLS} when the endpoint's TLS material cannot be read, {@code UNREACHABLE} when its
     *                      address is not an http(s) URL
     */
    @Override
    public CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        requireNonNull(model, "model is null");
        requireNonNull(endpoint, "endpoint is null");
        KubernetesClient client = clients.open(endpoint);
        return new KubernetesConnection(endpoint.apiAddress(), client,
                new KubernetesObjects(client, clients.serialization(), manifests));
    }

    /**
     * The minions running the fewest pods, empty ones first, by their {@code InternalIP}, among the bay's node
     * addresses; empty when the API cannot be asked (the stack then removes the highest-numbered minions).
     */
    @Override
    public List<String> removableNodes(BayModelView model, BayEndpoint endpoint, int count)
    {
        requireNonNull(model, "model is null");
        requireNonNull(endpoint, "endpoint is null");
        if (count <= 0) {
            return List.of();
        }
        try (KubernetesConnection connection = (KubernetesConnection) connect(model, endpoint)) {
            return connection.removableNodes(Set.copyOf(endpoint.nodeAddresses()), count);
        }
        catch (CoeException e) {
            log.warn("Cannot tell which nodes of {} are empty ({}); the stack removes the highest-numbered ones",
                    endpoint.apiAddress(), e.getMessage());
            return List.of();
        }
    }

    /** Minions are named by their floating address, one of the bay's node addresses ({@code minions_to_remove}). */
    @Override
    public Map<String, String> removalParameters(BayModelView model, List<String> nodeAddresses)
    {
        return Map.of("minions_to_remove", String.join(",", nodeAddresses));
    }

    /** api_address becomes {@code https://<ip>:6443} ({@code http://<ip>:8080} without TLS). */
    @Override
    public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
    {
        Optional<String> api = StackParameters.text(outputs, "api_address")
                .map(ip -> (model.tlsDisabled() ? "http://" : "https://") + ip + ":" + port(model));
        return new BayOutputs(api, StackParameters.addresses(outputs, "kube_masters"),
                StackParameters.addresses(outputs, "kube_minions"), Optional.empty());
    }

    /** Releases the Vert.x instance the driver's clients share. */
    @Override
    public void close()
    {
        clients.close();
    }

    private static int port(BayModelView model)
    {
        return model.apiserverPort().orElse(model.tlsDisabled() ? 8080 : 6443);
    }
}
