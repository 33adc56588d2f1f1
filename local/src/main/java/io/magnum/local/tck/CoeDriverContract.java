package io.magnum.local.tck;

import io.magnum.local.LocalCloud;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.BayOutputs;
import io.magnum.spi.BayView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.StackContext;
import io.magnum.spi.TemplateDefinition;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Network;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.magnum.local.tck.ObjectChecks.assertReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver TCK: what every {@link CoeDriver} must do, checked against {@link LocalCloud} with no magnum4j core.
 * The TCK plays the conductor ({@link LocalBay}): it asks the driver for its stack, builds it on LocalCloud's Heat,
 * maps the outputs with the driver, hosts the bay's COE API through the cloud's COE hosting (TLS with a per-bay
 * {@link TestCa} unless the baymodel turns it off), and connects with the driver.
 *
 * <p>A driver module runs it with one small test class:
 *
 * <pre>{@code
 * class MyDriverContractTest extends CoeDriverContract {
 *     protected CoeDriver driver() { return new MyDriver(); }
 *     protected BayModelView validBayModel() {
 *         return new BayModelView("docker", "vm", "fedora-atomic", "fedora-21-atomic-5", "docker", Optional.of(5),
 *                 false, Map.of(), "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8",
 *                 Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
 *     }
 *     protected Optional<InvalidBayModel> invalidBayModel() { ... }          // optional
 *     protected List<ManifestFixture> manifestFixtures() { ... }             // if it has pods, services, rcs
 *     protected Optional<ContainerFixture> containerFixture() { ... }        // if it runs containers
 * }
 * }</pre>
 *
 * <p>The lifecycle, validation, parameter and output tests apply to every driver. The object tests run for the
 * fixtures given; a driver that gives none passes them when its {@code connect} says {@code UNSUPPORTED} (or
 * offers no objects). Every test makes its own bays and deletes them; the class shares one {@link LocalCloud},
 * closed after the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CoeDriverContract
{
    private static final Logger log = LoggerFactory.getLogger(CoeDriverContract.class);

    private LocalCloud cloud;
    private CoeDriver subject;

    // ------------------------------------------------------------------ what a driver module gives

    /**
     * @return the driver under test; called once per test class, closed after the last test
     */
    protected abstract CoeDriver driver();

    /**
     * A baymodel the driver accepts, naming what {@link #newCloud()} has ({@link LocalCloud#create()}: images
     * {@code fedora-21-atomic-5}, {@code fedora-23-atomic} (fedora-atomic), {@code coreos}, {@code ubuntu-mesos}
     * (ubuntu); flavors {@code m1.tiny} to {@code m1.large}; keypair {@code testkey}; networks {@code public}
     * (external) and {@code private}).
     *
     * @return the baymodel, as magnum4j would pass it (defaults applied, distribution resolved)
     */
    protected abstract BayModelView validBayModel();

    /** @return a baymodel the driver must refuse, with the fields it must name; empty to skip that test */
    protected Optional<InvalidBayModel> invalidBayModel()
    {
        return Optional.empty();
    }

    /** @return one manifest per object kind the driver manages; empty when it has none */
    protected List<ManifestFixture> manifestFixtures()
    {
        return List.of();
    }

    /** @return a container the driver can run; empty when it runs none */
    protected Optional<ContainerFixture> containerFixture()
    {
        return Optional.empty();
    }

    /**
     * Whether {@link CoeDriver#connect} works yet. While false, the object tests are skipped (loudly) and the TCK
     * checks instead that {@code connect} still says {@code UNSUPPORTED}, so the switch cannot be forgotten.
     *
     * @return true (the default) to run the object tests for the fixtures given
     */
    protected boolean objectsImplemented()
    {
        return true;
    }

    /**
     * Whether the driver's COE API speaks TLS when the baymodel does not turn it off. When false, the object tests
     * that need TLS on are skipped (loudly), and {@link #validBayModel()} should turn TLS off; the stack and
     * validation tests still run with TLS on and off.
     *
     * @return true (the default)
     */
    protected boolean tlsSupported()
    {
        return true;
    }

    /** @return whether the bay has master addresses (one per master); false for a COE with nodes only */
    protected boolean hasMasters()
    {
        return true;
    }

    /** @return the cloud for this class: {@link LocalCloud#create()} with Heat's minute shortened to a second */
    protected LocalCloud newCloud()
    {
        LocalCloud local = LocalCloud.create();
        local.heat().defaultLatency(Duration.ZERO).minute(Duration.ofSeconds(1));
        return local;
    }

    /** @return how long one stack create, update or delete may take */
    protected Duration stackTimeout()
    {
        return Duration.ofSeconds(60);
    }

    /** @return the cloud the tests run on */
    protected final LocalCloud cloud()
    {
        return cloud;
    }

    @BeforeAll
    final void startCloud()
    {
        cloud = newCloud();
        subject = driver();
    }

    @AfterAll
    final void closeCloud()
    {
        try {
            if (subject != null) {
                subject.close();
            }
        }
        finally {
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    // ------------------------------------------------------------------ what the driver says of itself

    /** Name, keys, network drivers and SPI version are well-formed and consistent. */
    @Test
    public final void declaresWhatItProvides()
    {
        assertThat(subject.name()).as("name()").isNotBlank();
        assertThat(subject.provides()).as("provides()").isNotEmpty().allSatisfy(key -> {
            assertThat(key.coe()).as("coe of %s", key).isNotBlank();
            assertThat(key.serverType()).as("server type of %s", key).isIn("vm", "bm");
            assertThat(key.osDistro()).as("os distro of %s", key).isNotBlank();
        });
        assertThat(subject.networkDrivers()).as("networkDrivers()").isNotEmpty().doesNotContainNull()
                .allSatisfy(d -> assertThat(d).isNotBlank()).contains(subject.defaultNetworkDriver());
        int major = Integer.parseInt(subject.spiVersion().split("\\.")[0]);
        assertThat(major).as("major of spiVersion() %s", subject.spiVersion()).isPositive()
                .isLessThanOrEqualTo(Integer.parseInt(CoeDriver.SPI_VERSION.split("\\.")[0]));
    }

    /** {@code META-INF/services/io.magnum.spi.CoeDriver} in the driver's jar lists the driver. */
    @Test
    public final void isFoundByServiceLoader()
    {
        assertThat(ServiceLoader.load(CoeDriver.class, subject.getClass().getClassLoader()).stream()
                .map(provider -> provider.type().getName()))
                .as("drivers listed in META-INF/services/" + CoeDriver.class.getName())
                .contains(subject.getClass().getName());
    }

    /** The fixture fits: the driver provides its key and network driver; LocalCloud has what it names. */
    @Test
    public final void validBayModelFitsTheDriverAndTheCloud()
    {
        BayModelView model = validBayModel();
        assertThat(subject.provides()).as("provides() has the valid baymodel's key")
                .contains(new DriverKey(model.coe(), model.serverType(), model.clusterDistro()));
        assertThat(subject.networkDrivers()).as("networkDrivers()").contains(model.networkDriver());
        Image image = cloud.findImage(model.imageId()).orElseThrow(() -> new AssertionError("the cloud has no image "
                + model.imageId() + "; it has " + cloud.images().stream().map(Image::name).toList()));
        assertThat(image.osDistro()).as("os_distro of image %s", image.name()).contains(model.clusterDistro());
        assertThat(cloud.findKeypair(model.keypairId())).as("keypair %s", model.keypairId()).isPresent();
        assertThat(cloud.findNetwork(model.externalNetworkId()).map(Network::external))
                .as("external network %s", model.externalNetworkId()).contains(true);
        model.flavorId().ifPresent(f -> assertThat(cloud.findFlavor(f)).as("flavor %s", f).isPresent());
        model.masterFlavorId().ifPresent(f -> assertThat(cloud.findFlavor(f)).as("master flavor %s", f).isPresent());
        model.fixedNetwork().ifPresent(n -> assertThat(cloud.findNetwork(n)).as("fixed network %s", n).isPresent());
    }

    // ------------------------------------------------------------------ validation

    /** {@code validate} finds nothing wrong with the valid baymodel, with TLS on or off. */
    @Test
    public final void acceptsTheValidBayModel()
    {
        for (BayModelView model : List.of(validBayModel(), Views.otherTls(validBayModel()))) {
            assertThat(subject.validate(model)).as("violations of a valid baymodel (tls_disabled %s)",
                    model.tlsDisabled()).isNotNull().isEmpty();
        }
    }

    /** {@code validate} reports every violation of the invalid baymodel, each naming its field and saying why. */
    @Test
    public final void reportsEveryViolationWithItsField(TestInfo test)
    {
        InvalidBayModel invalid = invalidBayModel().orElse(null);
        if (invalid == null) {
            skip(test, "the test class gives no invalidBayModel()");
            return;
        }
        List<FieldViolation> violations = subject.validate(invalid.model());
        assertThat(violations).as("violations of the invalid baymodel").isNotNull().isNotEmpty()
                .allSatisfy(v -> {
                    assertThat(v.field()).as("field of '%s'", v.message()).isNotBlank();
                    assertThat(v.message()).as("message of a violation of %s", v.field()).isNotBlank();
                });
        Set<String> fields = violations.stream().map(FieldViolation::field)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fields).as("fields named by %s", violations).isEqualTo(new TreeSet<>(invalid.fields()));
    }

    // ------------------------------------------------------------------ the stack's definition

    /**
     * The parameters given cover every parameter the template requires (no default) and name none it lacks, with
     * TLS on and off, without a docker volume, at one and two nodes; so do the scale-down's removal parameters.
     */
    @Test
    public final void templateParametersMatchTheTemplate()
    {
        BayModelView valid = validBayModel();
        List<BayModelView> models = List.of(valid, Views.otherTls(valid), Views.withoutVolume(valid));
        HotParameters hot = null;
        for (BayModelView model : models) {
            for (int nodes = 1; nodes <= 2; nodes++) {
                TemplateDefinition definition = subject.templateDefinition(model, Views.bay(nodes), Views.context());
                hot = HotParameters.of(definition.template());
                String variant = "tls_disabled " + model.tlsDisabled() + ", docker_volume_size "
                        + model.dockerVolumeSize().map(String::valueOf).orElse("unset") + ", " + nodes + " node(s)";
                assertThat(Views.minus(definition.parameters().keySet(), hot.declared()))
                        .as("parameters given that the template does not declare (%s)", variant).isEmpty();
                assertThat(Views.minus(hot.required(), definition.parameters().keySet()))
                        .as("parameters the template requires that are not given (%s)", variant).isEmpty();
                assertThat(definition.parameters().values()).as("parameter values (%s)", variant).doesNotContainNull();
            }
        }
        Map<String, String> removal = subject.removalParameters(valid, List.of("10.0.0.3"));
        assertThat(removal).as("removalParameters(...)").isNotNull();
        assertThat(Views.minus(removal.keySet(), hot.declared()))
                .as("removal parameters the template does not declare").isEmpty();
    }

    /** The definition is recomputed in full on every update, so the same inputs give the same definition. */
    @Test
    public final void templateDefinitionIsTheSameForTheSameBay()
    {
        BayView bay = Views.bay(1);
        StackContext context = Views.context();
        TemplateDefinition first = subject.templateDefinition(validBayModel(), bay, context);
        TemplateDefinition second = subject.templateDefinition(validBayModel(), bay, context);
        assertThat(second.template()).isEqualTo(first.template());
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.parameters()).isEqualTo(first.parameters());
    }

    /** A stack with no outputs yet (or a failed one) maps to empty fields, not to an exception. */
    @Test
    public final void outputsOfAStackWithoutOutputsAreEmpty()
    {
        BayOutputs outputs = subject.outputs(validBayModel(), Map.of());
        assertThat(outputs.apiAddress()).as("api address of no outputs").isEmpty();
        assertThat(outputs.nodeAddresses()).as("node addresses of no outputs").isEmpty();
        assertThat(outputs.masterAddresses()).as("master addresses of no outputs").isEmpty();
    }

    // ------------------------------------------------------------------ the bay's lifecycle on LocalCloud

    /** The template and its files create on LocalCloud's Heat (CREATE_COMPLETE), with TLS on and off. */
    @Test
    public final void stackCreatesOnLocalHeat()
    {
        for (BayModelView model : List.of(validBayModel(), Views.otherTls(validBayModel()))) {
            try (LocalBay bay = newBay(model, 1)) {
                assertStatus(bay.stack(), "CREATE_COMPLETE");
                assertThat(cloud.stacks().resources(bay.stackId())).as("resources of the stack").isNotEmpty();
            }
        }
    }

    /** The outputs map to an api address, one address per node (and per master), and the bay can be hosted. */
    @Test
    public final void outputMappingIsComplete()
    {
        for (int nodes = 1; nodes <= 2; nodes++) {
            try (LocalBay bay = newBay(validBayModel(), nodes)) {
                assertStatus(bay.stack(), "CREATE_COMPLETE");
                BayOutputs outputs = bay.outputs();
                assertThat(outputs.apiAddress()).as("api address mapped from %s", bay.stack().outputs())
                        .hasValueSatisfying(api -> assertThat(api).isNotBlank());
                assertThat(outputs.nodeAddresses()).as("node addresses mapped from %s", bay.stack().outputs())
                        .hasSize(nodes).doesNotHaveDuplicates().allSatisfy(a -> assertThat(a).isNotBlank());
                if (hasMasters()) {
                    assertThat(outputs.masterAddresses()).as("master addresses mapped from %s", bay.stack().outputs())
                            .hasSize(1).allSatisfy(a -> assertThat(a).isNotBlank());
                }
                else {
                    assertThat(outputs.masterAddresses()).as("master addresses of a COE without masters").isEmpty();
                }
                assertThat(bay.endpoint().apiAddress()).as("the address the cloud hosts the bay at").isNotBlank();
                assertThat(bay.endpoint().tls().isPresent()).as("TLS material")
                        .isEqualTo(!validBayModel().tlsDisabled());
            }
        }
    }

    /**
     * Scales 1 to 2 (the first node stays) and back to 1 by stack update, as the conductor does: on the way down
     * it asks the driver which nodes to remove when the bay's endpoint answers, and adds its removal parameters.
     */
    @Test
    public final void scalesUpAndDown()
    {
        BayModelView model = validBayModel();
        try (LocalBay bay = newBay(model, 1)) {
            assertStatus(bay.stack(), "CREATE_COMPLETE");
            List<String> first = bay.nodeAddresses();
            assertStatus(bay.update(2, Map.of()), "UPDATE_COMPLETE");
            assertThat(bay.nodeAddresses()).as("node addresses after scaling to 2").hasSize(2).doesNotHaveDuplicates()
                    .containsAll(first);
            assertThat(bay.outputs().apiAddress()).as("api address after scaling up").isPresent();

            List<String> removable = removableNodes(bay, 1);
            assertThat(removable).as("removableNodes(.., 1)").isNotNull().hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(n -> assertThat(n).isNotBlank());
            Map<String, String> removal = removable.isEmpty() ? Map.of() : subject.removalParameters(model, removable);
            assertThat(Views.minus(removal.keySet(), HotParameters.of(bay.definition().template()).declared()))
                    .as("removal parameters the template does not declare").isEmpty();
            List<String> before = bay.nodeAddresses();
            assertStatus(bay.update(1, removal), "UPDATE_COMPLETE");
            assertThat(bay.nodeAddresses()).as("node addresses after scaling back to 1").hasSize(1);
            // the nodes the driver chose, when it named them by the addresses the bay shows, are the ones gone
            List<String> named = removable.stream().filter(before::contains).toList();
            if (!named.isEmpty()) {
                assertThat(bay.nodeAddresses()).as("node addresses after removing %s with %s", named, removal)
                        .doesNotContainAnyElementsOf(named);
            }
            assertThat(bay.outputs().apiAddress()).as("api address after scaling down").isPresent();
        }
    }

    /** Deleting the stack reaches DELETE_COMPLETE (the stack is gone) and frees the bay's hosted endpoint. */
    @Test
    public final void deleteCompletesAndFreesTheEndpoint()
    {
        LocalBay bay = newBay(validBayModel(), 1);
        try (bay) {
            assertStatus(bay.stack(), "CREATE_COMPLETE");
            String address = bay.endpoint().apiAddress();
            boolean hosted = bay.hostedLocally();
            Optional<Stack> settled = bay.delete();
            settled.ifPresent(stack -> assertStatus(stack, "DELETE_COMPLETE"));
            assertThat(cloud.stacks().get(bay.stackId())).as("the stack after its delete").isEmpty();
            if (hosted) {
                Endpoints.assertClosed(address, Duration.ofSeconds(5));
            }
            else {
                log.info("{}: coe {} is not hosted on this machine; no endpoint to free", subject.name(),
                        bay.model().coe());
            }
            cloud.coeHosting().orElseThrow().release(bay.uuid()); // a second release does nothing
        }
    }

    // ------------------------------------------------------------------ COE objects

    /** {@code connect} offers exactly the objects the fixtures cover ({@code UNSUPPORTED} when there are none). */
    @Test
    public final void connectOffersWhatTheFixturesCover()
    {
        BayModelView model = validBayModel();
        try (LocalBay bay = newBay(model, 1)) {
            assertStatus(bay.stack(), "CREATE_COMPLETE");
            BayEndpoint endpoint = bay.endpoint();
            if (!hasObjects()) {
                CoeConnection connection;
                try {
                    connection = subject.connect(model, endpoint);
                }
                catch (CoeException e) {
                    assertThat(e.reason()).as("reason of %s", e).isEqualTo(CoeException.Reason.UNSUPPORTED);
                    return;
                }
                try (connection) {
                    assertThat(connection.manifests()).as("manifests() of a driver with no manifestFixtures()")
                            .isEmpty();
                    assertThat(connection.containers()).as("containers() of a driver with no containerFixture()")
                            .isEmpty();
                }
                return;
            }
            if (!objectsImplemented()) {
                assertReason(() -> subject.connect(model, endpoint).close(), CoeException.Reason.UNSUPPORTED,
                        "connect() while objectsImplemented() is false (turn it on now that connect() works)");
                return;
            }
            try (CoeConnection connection = subject.connect(model, endpoint)) {
                assertThat(connection.manifests().isPresent()).as("manifests() present, as manifestFixtures() say")
                        .isEqualTo(!manifestFixtures().isEmpty());
                assertThat(connection.containers().isPresent()).as("containers() present, as containerFixture() says")
                        .isEqualTo(containerFixture().isPresent());
            }
        }
    }

    /** Each manifest fixture: create, conflict, list, get, replace, patch, the not-found cases, delete. */
    @Test
    public final void manifestObjectsRoundTrip(TestInfo test)
    {
        assumeManifests(test);
        withConnection(validBayModel(),
                coe -> manifestFixtures().forEach(f -> ObjectChecks.roundTrip(ObjectChecks.manifests(coe), f)));
    }

    /** Unparseable manifests, and ones without kind, of another kind or an unknown apiVersion, are INVALID. */
    @Test
    public final void badManifestsAreInvalid(TestInfo test)
    {
        assumeManifests(test);
        withConnection(validBayModel(),
                coe -> manifestFixtures().forEach(f -> ObjectChecks.badManifests(ObjectChecks.manifests(coe), f)));
    }

    /** Create, get and delete of each manifest fixture with TLS the other way round from the valid baymodel. */
    @Test
    public final void manifestObjectsWithTheOtherTlsSetting(TestInfo test)
    {
        assumeManifests(test);
        assumeTls(test, Views.otherTls(validBayModel()));
        withConnection(Views.otherTls(validBayModel()),
                coe -> manifestFixtures().forEach(f -> ObjectChecks.createGetDelete(ObjectChecks.manifests(coe), f)));
    }

    /** The container fixture: create, inspect, each declared verb (UNSUPPORTED for the others), delete. */
    @Test
    public final void containerLifecycle(TestInfo test)
    {
        ContainerFixture fixture = assumeContainers(test);
        withConnection(validBayModel(), coe -> ObjectChecks.containerLifecycle(ObjectChecks.containers(coe), fixture));
    }

    /** Create, inspect and delete of the container fixture with TLS the other way round. */
    @Test
    public final void containersWithTheOtherTlsSetting(TestInfo test)
    {
        ContainerFixture fixture = assumeContainers(test);
        assumeTls(test, Views.otherTls(validBayModel()));
        withConnection(Views.otherTls(validBayModel()),
                coe -> ObjectChecks.containerCreateInspectDelete(ObjectChecks.containers(coe), fixture));
    }

    /** {@code health()} answers, without throwing. */
    @Test
    public final void healthAnswers(TestInfo test)
    {
        assumeAnyObjects(test);
        withConnection(validBayModel(), coe -> {
            BayHealth health = coe.health();
            assertThat(health).as("health()").isNotNull();
            log.info("{}: health {} ({})", subject.name(), health.status(), health.reason());
        });
    }

    /**
     * With TLS on, a client certificate signed by another bay's CA, and a CA that did not sign the server's
     * certificate, both fail as {@link CoeException.Reason#TLS}.
     */
    @Test
    public final void certificatesOfAnotherCaFailAsTls(TestInfo test)
    {
        assumeAnyObjects(test);
        BayModelView model = Views.tlsDisabled(validBayModel(), false);
        assumeTls(test, model);
        try (LocalBay bay = newBay(model, 1)) {
            assertStatus(bay.stack(), "CREATE_COMPLETE");
            BayEndpoint endpoint = hostedEndpoint(bay);
            BayEndpoint.Tls own = endpoint.tls().orElseThrow();
            BayEndpoint.Tls other = TestCa.create("another-bay").clientTls();
            BayEndpoint wrongClient = new BayEndpoint(endpoint.apiAddress(), endpoint.nodeAddresses(),
                    Optional.of(new BayEndpoint.Tls(own.caPem(), other.certificatePem(), other.privateKeyPem())));
            assertReason(() -> firstCall(model, wrongClient), CoeException.Reason.TLS,
                    "a call with a client certificate of another bay's CA");
            BayEndpoint wrongServer = new BayEndpoint(endpoint.apiAddress(), endpoint.nodeAddresses(),
                    Optional.of(other));
            assertReason(() -> firstCall(model, wrongServer), CoeException.Reason.TLS,
                    "a call trusting another bay's CA only");
        }
    }

    // ------------------------------------------------------------------ helpers

    private void firstCall(BayModelView model, BayEndpoint endpoint)
    {
        try (CoeConnection coe = subject.connect(model, endpoint)) {
            ObjectChecks.firstCall(coe, manifestFixtures());
        }
    }

    private void withConnection(BayModelView model, Consumer<CoeConnection> body)
    {
        try (LocalBay bay = newBay(model, 1)) {
            assertStatus(bay.stack(), "CREATE_COMPLETE");
            try (CoeConnection coe = subject.connect(model, hostedEndpoint(bay))) {
                body.accept(coe);
            }
        }
    }

    private BayEndpoint hostedEndpoint(LocalBay bay)
    {
        BayEndpoint endpoint = bay.endpoint();
        assertThat(bay.hostedLocally()).as("whether this machine serves the bay's COE API (no LocalCoeHost for coe %s "
                + "on the class path, or it cannot run here: api_address stayed %s)", bay.model().coe(),
                endpoint.apiAddress()).isTrue();
        return endpoint;
    }

    private boolean hasObjects()
    {
        return !manifestFixtures().isEmpty() || containerFixture().isPresent();
    }

    private void assumeObjects(TestInfo test)
    {
        if (!objectsImplemented()) {
            skip(test, "objectsImplemented() is false: the driver's connect() is not there yet");
        }
    }

    private void assumeManifests(TestInfo test)
    {
        if (manifestFixtures().isEmpty()) {
            skip(test, "the test class gives no manifestFixtures()");
        }
        assumeObjects(test);
    }

    private ContainerFixture assumeContainers(TestInfo test)
    {
        ContainerFixture fixture = containerFixture().orElse(null);
        if (fixture == null) {
            skip(test, "the test class gives no containerFixture()");
            return null;
        }
        assumeObjects(test);
        if (fixture.needsDocker()) {
            DockerProbe.unavailable().ifPresent(why -> skip(test, why
                    + " (start one with tools/docker-up.sh; the container tests need it)"));
        }
        return fixture;
    }

    private void assumeTls(TestInfo test, BayModelView model)
    {
        if (!model.tlsDisabled() && !tlsSupported()) {
            skip(test, "tlsSupported() is false: the driver's COE API has no TLS");
        }
    }

    private void assumeAnyObjects(TestInfo test)
    {
        if (!hasObjects()) {
            skip(test, "the test class gives no object fixtures");
        }
        assumeObjects(test);
        if (manifestFixtures().isEmpty() && containerFixture().orElseThrow().needsDocker()) {
            DockerProbe.unavailable().ifPresent(why -> skip(test, why));
        }
    }

    private void skip(TestInfo test, String why)
    {
        log.warn("SKIPPED {}.{} for driver {}: {}", getClass().getSimpleName(),
                test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?"), subject.name(), why);
        Assumptions.abort(why);
    }

    private List<String> removableNodes(LocalBay bay, int count)
    {
        if (!bay.hostedLocally()) {
            log.info("{}: the bay's COE is not served on this machine; scaling down without asking removableNodes",
                    subject.name());
            return List.of();
        }
        try {
            return subject.removableNodes(bay.model(), bay.endpoint(), count);
        }
        catch (RuntimeException e) {
            if (objectsImplemented() && hasObjects()) {
                throw new AssertionError("removableNodes failed although the bay's endpoint answers", e);
            }
            log.info("{}: removableNodes failed ({}); the conductor would remove the highest-numbered nodes",
                    subject.name(), e.toString());
            return List.of();
        }
    }

    private LocalBay newBay(BayModelView model, int nodeCount)
    {
        return LocalBay.create(cloud, subject, model, nodeCount, stackTimeout());
    }

    private static void assertStatus(Stack stack, String status)
    {
        assertThat(stack.status()).as("status of stack %s (%s)", stack.name(), stack.statusReason()).isEqualTo(status);
    }
}
