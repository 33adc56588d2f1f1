package io.magnum.examples.driver;

import io.magnum.engine.swarm.SwarmDriver;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.StackContext;
import io.magnum.spi.StackParameters;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.coe.CoeConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fourth COE, {@code docker}: plain Docker hosts on Fedora Atomic virtual machines ({@code docker_fedora_atomic_v1}),
 * with no orchestrator. Each node is a standalone Docker host with a floating IP; the bay's API is node 0's Docker
 * API, over TLS with the bay's certificates unless the baymodel turns TLS off. The network driver is docker's own.
 *
 * <pre>{@code
 * // magnum4j finds it when this jar is on the class path (META-INF/services/io.magnum.spi.CoeDriver):
 * magnum.bayModels().create(BayModelSpec.builder().name("dockermodel").coe("docker")
 *         .imageId("fedora-21-atomic-5").keypairId("testkey").externalNetworkId("public").build());
 * }</pre>
 *
 * <p>Stateless and thread-safe, as every driver must be.
 */
public final class DockerDriver implements CoeDriver
{
    /** The COE this driver serves. */
    public static final String COE = "docker";
    /** The smallest docker volume, in GB: docker's devicemapper storage needs room for its thin pool. */
    public static final int MIN_VOLUME_GB = 3;

    private static final String TEMPLATES = "/io/magnum/examples/driver/docker/";
    private static final String MAIN_TEMPLATE = "dockercluster.yaml";
    /** Every file the main template names ({@code type: dockernode.yaml}, {@code get_file}), as it names them. */
    private static final List<String> FILES = List.of("dockernode.yaml", "fragments/configure-docker.sh");

    /** A public no-argument constructor that does no I/O, as ServiceLoader needs. */
    public DockerDriver()
    {
    }

    @Override
    public String name()
    {
        return "docker_fedora_atomic_v1";
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

    /**
     * The rules of this COE: the network is docker's own, and a docker volume, when asked for, has at least
     * {@value #MIN_VOLUME_GB} GB.
     */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        List<FieldViolation> violations = new ArrayList<>();
        if (!networkDrivers().contains(model.networkDriver())) {
            violations.add(new FieldViolation("network_driver", "network_driver '" + model.networkDriver()
                    + "' is not supported by coe docker; supported: [docker]"));
        }
        model.dockerVolumeSize().filter(size -> size < MIN_VOLUME_GB).ifPresent(size -> violations.add(
                new FieldViolation("docker_volume_size", "docker_volume_size must be at least " + MIN_VOLUME_GB
                        + " (GB) for coe docker, not " + size)));
        return List.copyOf(violations);
    }

    /**
     * {@code dockercluster.yaml} with the parameters every Magnum template takes ({@link StackParameters#base}) and
     * this COE's own, less the two it has no use for: it has no masters.
     */
    @Override
    public TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context)
    {
        Map<String, String> parameters = StackParameters.base(model, bay)
                .put("node_flavor", model.flavorId())
                .put("number_of_nodes", bay.nodeCount())
                .put("tls_disabled", model.tlsDisabled())
                .put("docker_port", port(model))
                .put("bay_uuid", bay.uuid())
                .put("magnum_url", context.magnumUrl())
                .put("user_token", context.userToken())
                .build();
        parameters.remove("number_of_masters");
        parameters.remove("master_flavor");
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : FILES) {
            files.put(file, read(file));
        }
        return new TemplateDefinition(read(MAIN_TEMPLATE), files, parameters);
    }

    /** api_address becomes {@code https://<ip>:2376} ({@code tcp://<ip>:2375} without TLS); the hosts are nodes. */
    @Override
    public BayOutputs outputs(BayModelView model, Map<String, Object> outputs)
    {
        Optional<String> api = StackParameters.text(outputs, "api_address")
                .map(ip -> (model.tlsDisabled() ? "tcp://" : "https://") + ip + ":" + port(model));
        return new BayOutputs(api, List.of(), StackParameters.addresses(outputs, "docker_nodes"), Optional.empty());
    }

    /**
     * A docker bay's containers: its API is a plain Docker Engine API, which the Swarm driver's docker-java client
     * speaks already, so this driver reuses it rather than carry a second Docker client. The Swarm classes are
     * loaded only here: finding the driver and describing bays need nothing but this jar and the SPI.
     */
    @Override
    public CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        return new SwarmDriver().connect(model, endpoint);
    }

    private static int port(BayModelView model)
    {
        return model.apiserverPort().orElse(model.tlsDisabled() ? 2375 : 2376);
    }

    private static String read(String file)
    {
        try (InputStream in = DockerDriver.class.getResourceAsStream(TEMPLATES + file)) {
            if (in == null) {
                throw new IllegalStateException("the docker driver's jar lacks " + TEMPLATES + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATES + file, e);
        }
    }
}
