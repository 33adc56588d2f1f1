package io.magnum.engine.mesos;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Apache Mesos with Marathon on Ubuntu virtual machines ({@code mesos_ubuntu_v1}), networked by docker.
 *
 * <pre>{@code
 * ServiceLoader.load(CoeDriver.class)   // finds this driver when engine-mesos is on the class path
 * }</pre>
 *
 * <p>Containers run as Marathon apps: {@link #connect} gives a connection whose {@code containers()} speak Marathon's
 * v2 REST API at the bay's api_address (port 8080 unless the address names one).
 *
 * <p>Stateless and thread-safe.
 */
public final class MesosDriver implements CoeDriver
{
    private static final Logger log = LoggerFactory.getLogger(MesosDriver.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** The COE this driver serves. */
    public static final String COE = "mesos";

    @Override
    public String name()
    {
        return "mesos_ubuntu_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "ubuntu"));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("docker");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "docker";
    }

    /** Checks the labels the Mesos template reads: {@code rexray_preempt} is a boolean. */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        List<FieldViolation> violations = new ArrayList<>();
        LabelRules.bool(model.labels(), "rexray_preempt").ifPresent(violations::add);
        return List.copyOf(violations);
    }

    /** {@code mesoscluster.yaml} with Magnum's parameter mapping; the cluster is named after the bay. */
    @Override
    public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
    {
        Map<String, String> files = HeatTemplates.load("mesos");
        StackParameters p = StackParameters.base(model, bay)
                .put("slave_flavor", model.flavorId())
                .put("number_of_slaves", bay.nodeCount())
                .put("cluster_name", bay.name())
                .put("username", context.username())
                .put("tenant_name", context.tenantName())
                .put("auth_url", context.authUrl())
                .labels(model.labels(), "rexray_preempt");
        return new TemplateDefinition(files.get("mesoscluster.yaml"), files, p.build());
    }

    /** Slaves are named by their private address ({@code slaves_to_remove}). */
    @Override
    public Map<String, String> removalParameters(BayModelView model, List<String> nodeAddresses)
    {
        return Map.of("slaves_to_remove", String.join(",", nodeAddresses));
    }

    /** api_address is the plain address of the masters' load balancer, as in Magnum. */
    @Override
    public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
    {
        return new BayOutputs(StackParameters.text(outputs, "api_address"),
                StackParameters.addresses(outputs, "mesos_master"), StackParameters.addresses(outputs, "mesos_slaves"),
                Optional.empty());
    }

    /**
     * Marathon at the bay's api_address: a bare address ({@code 172.24.4.3}, as the template gives it) means
     * {@code http://172.24.4.3:8080}; an address with a scheme or port (LocalCloud's stand-in,
     * {@code http://127.0.0.1:41234}) is used as it is. Magnum puts no TLS in front of Marathon, so any TLS material
     * in the endpoint is ignored. Nothing is sent until a call needs it.
     *
     * @throws io.magnum.spi.coe.CoeException {@code INVALID} when the api_address is not an address
     */
    @Override
    public CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        java.util.Objects.requireNonNull(endpoint, "endpoint is null");
        URI base = MarathonAddress.of(endpoint.apiAddress());
        if (endpoint.tls().isPresent()) {
            log.debug("Mesos bay at {}: Marathon is plain HTTP in Magnum; the bay's TLS material is not used", base);
        }
        return new MarathonConnection(new MarathonHttp(base, CONNECT_TIMEOUT, CALL_TIMEOUT));
    }
}
