package io.magnum.local.tck;

import io.magnum.local.LocalCloud;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.StackContext;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.cloud.CoeHosting;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * One bay of one driver on a {@link LocalCloud}, run as magnum4j's conductor and status sync run it, without
 * magnum4j's core: the driver describes the stack, LocalCloud's Heat builds it, the driver maps its outputs, the
 * cloud's COE hosting serves the bay's API (with a per-bay {@link TestCa} when the baymodel has TLS on), and the
 * endpoint is what {@link CoeDriver#connect} gets.
 *
 * <pre>{@code
 * try (LocalBay bay = LocalBay.create(cloud, driver, model, 1, Duration.ofSeconds(60))) {
 *     assertThat(bay.stack().status()).isEqualTo("CREATE_COMPLETE");
 *     try (CoeConnection coe = driver.connect(model, bay.endpoint())) { ... }
 *     bay.update(2, Map.of());
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one test drives one bay. {@link #close()} deletes the stack and frees the endpoint.
 */
public final class LocalBay implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(LocalBay.class);

    private final LocalCloud cloud;
    private final CoeDriver driver;
    private final BayModelView model;
    private final Duration timeout;
    private final String uuid = UUID.randomUUID().toString();
    private final String discoveryUrl = "https://discovery.etcd.io/" + uuid.replace("-", "");
    private final StackContext context;
    private final TestCa ca;
    private String stackId;
    private Stack stack;
    private TemplateDefinition definition;
    private String hostedAddress;
    private BayEndpoint.Tls clientTls;
    private boolean deleted;

    private LocalBay(LocalCloud cloud, CoeDriver driver, BayModelView model, Duration timeout)
    {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.model = requireNonNull(model, "model is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        String authUrl = cloud.authUrl().isEmpty() ? "http://127.0.0.1:5000/v3" : cloud.authUrl();
        this.context = new StackContext("http://127.0.0.1:9511/v1", authUrl, uuid.replace("-", ""), "admin", "tck");
        this.ca = model.tlsDisabled() ? null : TestCa.create("bay-" + uuid.substring(0, 8));
    }

    /**
     * Describes the bay's stack with the driver, creates it and waits until it settles (in whatever state).
     *
     * @param cloud     the cloud
     * @param driver    the driver
     * @param model     the baymodel
     * @param nodeCount how many nodes
     * @param timeout   how long the stack may take
     * @return the bay; {@link #stack()} tells how the create ended
     * @throws io.magnum.spi.cloud.InvalidStackException when Heat refuses the template or its parameters
     */
    public static LocalBay create(LocalCloud cloud, CoeDriver driver, BayModelView model, int nodeCount,
            Duration timeout)
    {
        LocalBay bay = new LocalBay(cloud, driver, model, timeout);
        TemplateDefinition definition = bay.definition(nodeCount);
        bay.definition = definition;
        String name = "tck-" + model.coe().replaceAll("[^A-Za-z0-9]", "") + "-" + bay.uuid.substring(0, 8);
        bay.stackId = cloud.stacks().create(new StackRequest(name, definition.template(), definition.files(),
                definition.parameters(), null, 60)).id();
        bay.stack = bay.settle();
        return bay;
    }

    /**
     * The bay as the driver sees it when it describes the stack (one master).
     *
     * @param nodeCount the node count
     * @return the view
     */
    public BayView view(int nodeCount)
    {
        return new BayView(uuid, "tck-" + uuid.substring(0, 8), nodeCount, 1, discoveryUrl, "tck");
    }

    /**
     * @param nodeCount the node count
     * @return the driver's definition of this bay's stack at that node count
     */
    public TemplateDefinition definition(int nodeCount)
    {
        return driver.templateDefinition(model, view(nodeCount), context);
    }

    /** @return the definition the stack was last created or updated from */
    public TemplateDefinition definition()
    {
        return definition;
    }

    /** @return what the driver's stacks are told about where nodes call back */
    public StackContext context()
    {
        return context;
    }

    /** @return the bay's uuid */
    public String uuid()
    {
        return uuid;
    }

    /** @return the baymodel */
    public BayModelView model()
    {
        return model;
    }

    /** @return the stack id */
    public String stackId()
    {
        return stackId;
    }

    /** @return the stack as it last settled */
    public Stack stack()
    {
        return stack;
    }

    /** @return the bay's CA, when the baymodel has TLS on */
    public Optional<TestCa> ca()
    {
        return Optional.ofNullable(ca);
    }

    /** @return the driver's reading of the stack's outputs */
    public BayOutputs outputs()
    {
        return driver.outputs(model, stack.outputs());
    }

    /**
     * Hosts the bay's COE API through the cloud's {@link CoeHosting} (once; later calls reuse its address and client
     * certificate), with a server certificate of the bay's CA when TLS is on, as magnum4j's core does when a stack
     * completes.
     *
     * @return the endpoint, with a client certificate of the bay's CA when TLS is on
     * @throws IllegalStateException when the stack did not complete or its outputs have no api_address
     */
    public BayEndpoint endpoint()
    {
        if (!stack.status().equals("CREATE_COMPLETE") && !stack.status().equals("UPDATE_COMPLETE")) {
            throw new IllegalStateException("bay " + uuid + " is " + stack.status() + ": " + stack.statusReason());
        }
        BayOutputs outputs = outputs();
        if (hostedAddress == null) {
            String api = outputs.apiAddress().orElseThrow(() -> new IllegalStateException(
                    "the driver mapped no api_address from the outputs " + stack.outputs()));
            hostedAddress = cloud.coeHosting().orElseThrow().host(new CoeHosting.HostedBay(uuid, model.coe(), api,
                    outputs.nodeAddresses(), ca().map(TestCa::serverTls)));
            clientTls = ca().map(TestCa::clientTls).orElse(null);
            log.info("Bay {} ({}): api_address {} (stack's {})", uuid, model.coe(), hostedAddress, api);
        }
        // the node addresses as they are now, as the conductor reads them from the bay
        return new BayEndpoint(hostedAddress, outputs.nodeAddresses(), Optional.ofNullable(clientTls));
    }

    /** @return whether the cloud serves this bay's COE API on this machine (its address is not the stack's) */
    public boolean hostedLocally()
    {
        return !endpoint().apiAddress().equals(outputs().apiAddress().orElse(""));
    }

    /**
     * Updates the stack to a node count, as the conductor does: the driver's definition recomputed in full, plus
     * extra parameters (the driver's {@link CoeDriver#removalParameters} on a scale-down), then waits.
     *
     * @param nodeCount       the node count wanted
     * @param extraParameters parameters to add
     * @return the stack as it settled
     */
    public Stack update(int nodeCount, Map<String, String> extraParameters)
    {
        TemplateDefinition next = definition(nodeCount);
        Map<String, String> parameters = new LinkedHashMap<>(next.parameters());
        parameters.putAll(extraParameters);
        definition = new TemplateDefinition(next.template(), next.files(), parameters);
        cloud.stacks().update(stackId, new StackRequest(stack.name(), next.template(), next.files(), parameters,
                null, 60));
        stack = settle();
        return stack;
    }

    /**
     * Deletes the stack, waits, and frees the hosted endpoint, as the conductor does when a bay is deleted.
     *
     * @return the stack as it settled: empty once it is gone
     */
    public Optional<Stack> delete()
    {
        deleted = true;
        try {
            cloud.stacks().delete(stackId);
        }
        catch (StackNotFoundException e) {
            log.debug("Stack {} is gone already", stackId);
        }
        Optional<Stack> settled = cloud.heat().await(stackId, timeout);
        cloud.coeHosting().ifPresent(hosting -> hosting.release(uuid));
        return settled;
    }

    /** Deletes the bay unless a test did; never throws. */
    @Override
    public void close()
    {
        if (deleted || stackId == null) {
            return;
        }
        try {
            delete();
        }
        catch (RuntimeException e) {
            log.warn("Cleaning up bay {} failed: {}", uuid, e.toString());
        }
    }

    private Stack settle()
    {
        return cloud.heat().await(stackId, timeout)
                .orElseThrow(() -> new IllegalStateException("stack " + stackId + " vanished"));
    }

    @Override
    public String toString()
    {
        return "LocalBay[" + uuid + ", " + model.coe() + ", " + (stack == null ? "no stack" : stack.status()) + "]";
    }

    /** @return the node addresses the driver read from the stack */
    public List<String> nodeAddresses()
    {
        return outputs().nodeAddresses();
    }
}
