package io.magnum.local.tck;

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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The TCK's own test driver, COE {@code tck-echo}: a small template, and a connection ({@link EchoConnection}) that
 * keeps objects and containers in memory but asks the bay's local endpoint ({@link EchoHost}) first, over TLS when
 * the baymodel has it. A {@link Flaw} breaks one rule on purpose, to show the TCK catches it.
 */
public class EchoDriver implements CoeDriver
{
    static final String COE = "tck-echo";

    /** One rule broken on purpose. */
    enum Flaw
    {
        NONE,
        /** The definition passes a parameter the template does not declare. */
        UNDECLARED_PARAMETER,
        /** {@code validate} finds nothing wrong. */
        NO_VIOLATIONS,
        /** A refused certificate is reported as FAILED, not TLS. */
        TLS_AS_FAILED,
        /** Any apiVersion is accepted. */
        ANY_API_VERSION,
        /** The removal parameters name no node, so the highest-numbered go instead of those chosen. */
        REMOVAL_IGNORED,
        /** Stopping a container leaves it running. */
        STOP_DOES_NOTHING,
        /** Not a flaw: a driver without COE objects, whose connect says UNSUPPORTED (the SPI's default). */
        NO_OBJECTS
    }

    private final Flaw flaw;

    /** The faithful driver, as ServiceLoader makes it. */
    public EchoDriver()
    {
        this(Flaw.NONE);
    }

    EchoDriver(Flaw flaw)
    {
        this.flaw = flaw;
    }

    @Override
    public String name()
    {
        return "tck_echo_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "fedora-atomic"));
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

    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        if (flaw == Flaw.NO_VIOLATIONS) {
            return List.of();
        }
        List<FieldViolation> violations = new ArrayList<>();
        LabelRules.integer(model.labels(), "echo_size", 1, 10).ifPresent(violations::add);
        if (model.dockerVolumeSize().orElse(1) > 100) {
            violations.add(new FieldViolation("docker_volume_size", "at most 100 GB"));
        }
        return violations;
    }

    @Override
    public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
    {
        StackParameters parameters = new StackParameters()
                .put("ssh_key_name", model.keypairId())
                .put("external_network", model.externalNetworkId())
                .put("server_image", model.imageId())
                .put("node_flavor", model.flavorId())
                .put("number_of_nodes", bay.nodeCount())
                .put("tls_disabled", model.tlsDisabled());
        if (flaw == Flaw.UNDECLARED_PARAMETER) {
            parameters.put("bay_uuid", bay.uuid());
        }
        return new TemplateDefinition(read("echocluster.yaml"), Map.of("echonode.yaml", read("echonode.yaml")),
                parameters.build());
    }

    @Override
    public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
    {
        return new BayOutputs(StackParameters.text(outputs, "api_address").map(ip -> "echo://" + ip + ":7000"),
                List.of(), StackParameters.addresses(outputs, "nodes"), Optional.empty());
    }

    /** The first nodes (Heat alone would remove the last ones), after asking the endpoint. */
    @Override
    public List<String> removableNodes(BayModelView model, BayEndpoint endpoint, int count)
    {
        if (flaw == Flaw.NO_OBJECTS) {
            return List.of();
        }
        new EchoConnection(endpoint, flaw).ping();
        List<String> nodes = endpoint.nodeAddresses();
        return List.copyOf(nodes.subList(0, Math.min(count, nodes.size())));
    }

    @Override
    public Map<String, String> removalParameters(BayModelView model, List<String> nodeAddresses)
    {
        if (flaw == Flaw.REMOVAL_IGNORED) {
            return Map.of();
        }
        return Map.of("nodes_to_remove", String.join(",", nodeAddresses));
    }

    @Override
    public CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        if (flaw == Flaw.NO_OBJECTS) {
            return CoeDriver.super.connect(model, endpoint);
        }
        return new EchoConnection(endpoint, flaw);
    }

    private static String read(String file)
    {
        try (InputStream in = EchoDriver.class.getResourceAsStream("echo/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
