package io.magnum.engine.swarm;

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
import io.magnum.templates.HeatTemplates;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker Swarm on Fedora Atomic virtual machines ({@code swarm_fedora_atomic_v1}), networked by docker (the
 * default) or flannel.
 *
 * <pre>{@code
 * ServiceLoader.load(CoeDriver.class)   // finds this driver when engine-swarm is on the class path
 * }</pre>
 *
 * <p>Containers go to the bay's Docker API through {@link #connect}. Stateless and thread-safe.
 */
public final class SwarmDriver implements CoeDriver
{
    /** The COE this driver serves. */
    public static final String COE = "swarm";

    @Override
    public String name()
    {
        return "swarm_fedora_atomic_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "fedora-atomic"));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("docker", "flannel");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "docker";
    }

    /** Checks the flannel labels, which the Swarm template reads when the network driver is flannel. */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        return LabelRules.flannel(model.labels());
    }

    /** {@code swarmcluster.yaml} with Magnum's parameter mapping. */
    @Override
    public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
    {
        Map<String, String> files = HeatTemplates.load("swarm");
        StackParameters p = StackParameters.base(model, bay)
                .put("node_flavor", model.flavorId())
                .put("number_of_nodes", bay.nodeCount())
                .put("network_driver", model.networkDriver())
                .put("tls_disabled", model.tlsDisabled())
                .put("swarm_port", port(model))
                .put("discovery_url", bay.discoveryUrl())
                .put("bay_uuid", bay.uuid())
                .put("magnum_url", context.magnumUrl())
                .put("user_token", context.userToken())
                .put("auth_url", context.authUrl())
                .labels(model.labels(), "flannel_network_cidr", "flannel_network_subnetlen", "flannel_use_vxlan",
                        "flannel_backend");
        return new TemplateDefinition(files.get("swarmcluster.yaml"), files, p.build());
    }

    /** Nodes are named by their private address ({@code nodes_to_remove}). */
    @Override
    public Map<String, String> removalParameters(BayModelView model, List<String> nodeAddresses)
    {
        return Map.of("nodes_to_remove", String.join(",", nodeAddresses));
    }

    /** api_address becomes {@code https://<ip>:2376} ({@code tcp://<ip>:2376} without TLS). */
    @Override
    public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
    {
        Optional<String> api = StackParameters.text(outputs, "api_address")
                .map(ip -> (model.tlsDisabled() ? "tcp://" : "https://") + ip + ":" + port(model));
        return new BayOutputs(api, StackParameters.addresses(outputs, "swarm_masters"),
                StackParameters.addresses(outputs, "swarm_nodes"), StackParameters.text(outputs, "discovery_url"));
    }

    /**
     * The bay's Docker API through docker-java: containers (create, inspect, start, stop, pause, unpause, reboot,
     * exec, logs, delete) and health. {@code https://} and {@code tcp://} addresses with the endpoint's TLS
     * material use mutual TLS built in memory from the PEMs; without material, plain TCP. Connects lazily.
     */
    @Override
    public CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        return new SwarmConnection(endpoint);
    }

    private static int port(BayModelView model)
    {
        return model.apiserverPort().orElse(2376);
    }
}
