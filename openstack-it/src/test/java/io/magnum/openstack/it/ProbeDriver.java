package io.magnum.openstack.it;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.StackContext;
import io.magnum.spi.StackParameters;
import io.magnum.spi.TemplateDefinition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A COE driver of the test suite, "probe", whose bays a real Heat without Nova can build: the template
 * ({@code probe/probecluster.yaml}) uses OS::Heat::TestResource (with {@code wait_secs}, {@code fail} and its output
 * attribute), OS::Heat::ResourceGroup of a nested template, OS::Heat::RandomString and OS::Heat::None. The baymodel's
 * labels steer it: {@code node_wait_secs} (how long a node takes), {@code fail_node=true} (every node fails).
 */
final class ProbeDriver implements CoeDriver
{
    static final String COE = "probe";
    static final String DISTRO = "probe-os";

    private static final Map<String, String> FILES = Resources.files("probe", "probecluster.yaml", "probenode.yaml");

    @Override
    public String name()
    {
        return "probe_it_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", DISTRO));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("none");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "none";
    }

    @Override
    public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
    {
        StackParameters p = new StackParameters()
                .put("number_of_nodes", bay.nodeCount())
                .put("api_port", model.apiserverPort().orElse(6443))
                .put("bay_uuid", bay.uuid())
                .labels(model.labels(), "node_wait_secs", "fail_node");
        return new TemplateDefinition(FILES.get("probecluster.yaml"), FILES, p.build());
    }

    /** Nothing runs on a probe node, so any may go; this driver names the first, to prove removal_policies work. */
    @Override
    public List<String> removableNodes(BayModelView model, BayEndpoint endpoint, int count)
    {
        return endpoint.nodeAddresses().isEmpty() || count < 1 ? List.of() : List.of(endpoint.nodeAddresses().get(0));
    }

    @Override
    public Map<String, String> removalParameters(BayModelView model, List<String> nodeAddresses)
    {
        return Map.of("nodes_to_remove", String.join(",", nodeAddresses));
    }

    @Override
    public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
    {
        return new BayOutputs(StackParameters.text(outputs, "api_address"),
                StackParameters.addresses(outputs, "master_addresses"), StackParameters.addresses(outputs, "node_addresses"),
                StackParameters.text(outputs, "discovery_url"));
    }
}
