package io.magnum.engine.mesos;

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
import io.magnum.templates.HeatTemplates;

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
 * <p>Stateless and thread-safe.
 */
public final class MesosDriver implements CoeDriver
{
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
}
