package io.magnum.spi;

import java.util.List;
import java.util.Set;

/**
 * A container orchestration engine driver: it says which bays it can build and checks the baymodels meant for it.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.magnum.spi.CoeDriver} and give it a public no-argument constructor that does no I/O.
 * One instance serves a whole {@code Magnum} instance; every method may be called from any thread at any time, so
 * implementations must be thread-safe (stateless is simplest).
 *
 * <pre>{@code
 * public final class MyDriver implements CoeDriver {
 *     public String name() { return "docker_ubuntu_v1"; }
 *     public Set<DriverKey> provides() { return Set.of(new DriverKey("docker", "vm", "ubuntu")); }
 *     public Set<String> networkDrivers() { return Set.of("docker"); }
 *     public String defaultNetworkDriver() { return "docker"; }
 * }
 * }</pre>
 *
 * <p>New methods are added to this interface only as {@code default} methods, so a driver written against an older
 * version keeps working.
 */
public interface CoeDriver extends AutoCloseable
{
    /** The version of this contract the driver was written against; magnum4j refuses a newer major version. */
    String SPI_VERSION = "1";

    /**
     * A unique, stable name for the driver, such as {@code k8s_fedora_atomic_v1}.
     *
     * @return the name, never null or blank
     */
    String name();

    /**
     * Every (coe, server type, os distribution) this driver builds bays for. Two drivers may not provide the same
     * key: magnum4j refuses to start rather than pick one at random.
     *
     * @return a non-empty set
     */
    Set<DriverKey> provides();

    /**
     * The network drivers a baymodel of this COE may name (Magnum: kubernetes {@code flannel}; swarm
     * {@code docker}, {@code flannel}; mesos {@code docker}).
     *
     * @return a non-empty set that contains {@link #defaultNetworkDriver()}
     */
    Set<String> networkDrivers();

    /**
     * The network driver a baymodel gets when it names none.
     *
     * @return one of {@link #networkDrivers()}
     */
    String defaultNetworkDriver();

    /**
     * Checks the driver-specific rules of a baymodel, after magnum4j checked the generic ones (required fields,
     * the cloud's images, flavors, keypairs and networks, the network driver). Return every violation found, not
     * only the first.
     *
     * @param model the baymodel, never null
     * @return the rules broken, empty when the baymodel is fine; never null
     */
    default List<FieldViolation> validate(BayModelView model)
    {
        return List.of();
    }

    /**
     * Describes the stack of a bay: template, files and parameters. Called when a bay is created and every time it
     * is updated (parameters are recomputed in full, as Magnum does). Must not call the cloud.
     *
     * @param model   the bay's baymodel
     * @param bay     the bay, with the node count wanted
     * @param context where nodes call back, and the credentials the templates take
     * @return the definition
     */
    TemplateDefinition templateDefinition(BayModelView model, BayView bay, StackContext context);

    /**
     * Which nodes a scale-down should remove first, as the seed's NOTE asks: nodes with nothing running on them.
     * The conductor passes what this returns to {@link #removalParameters}. Called on a conductor thread before
     * the stack update; may call the COE, must not take long.
     *
     * @param model    the baymodel
     * @param endpoint where the COE answers
     * @param count    how many nodes go
     * @return up to {@code count} node references that {@link #removalParameters} understands; empty (the
     *         default) when the driver cannot tell, and the stack then removes the highest-numbered nodes
     */
    default List<String> removableNodes(BayModelView model, BayEndpoint endpoint, int count)
    {
        return List.of();
    }

    /**
     * The parameter values that make a scale-down remove these nodes rather than the highest-numbered ones.
     *
     * @param model         the baymodel
     * @param nodeAddresses the private or public addresses of the nodes to remove
     * @return parameters to add to the definition's ones (such as {@code minions_to_remove}); empty if the driver
     *         cannot choose
     */
    default java.util.Map<String, String> removalParameters(BayModelView model, List<String> nodeAddresses)
    {
        return java.util.Map.of();
    }

    /**
     * Reads the bay fields from the stack's outputs.
     *
     * @param model   the baymodel
     * @param outputs the stack's outputs (values are strings, lists or maps)
     * @return the fields
     */
    BayOutputs outputs(BayModelView model, java.util.Map<String, Object> outputs);

    /**
     * Opens a connection to a bay's COE for its objects (pods, services, replication controllers, containers) and
     * its health. Called once per bay, lazily, when an object call first needs it, and again after the bay's
     * address or certificates change; must not block on the network for long (connect lazily if the client
     * can). magnum4j calls it only for bays in {@code CREATE_COMPLETE} or {@code UPDATE_COMPLETE}.
     *
     * @param model    the bay's baymodel
     * @param endpoint where the COE answers, with the TLS material unless the baymodel turned TLS off
     * @return the connection, owned and closed by magnum4j
     * @throws io.magnum.spi.coe.CoeException {@code UNSUPPORTED} (the default) when the driver manages no objects
     */
    default io.magnum.spi.coe.CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        throw io.magnum.spi.coe.CoeException.unsupported("COE objects");
    }

    /**
     * The version of this contract the driver implements.
     *
     * @return {@link #SPI_VERSION} unless the driver says otherwise
     */
    default String spiVersion()
    {
        return SPI_VERSION;
    }

    /** Releases what the driver holds. Called once, when the owning {@code Magnum} closes. */
    @Override
    default void close()
    {
    }
}
