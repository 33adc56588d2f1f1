package io.magnum.spi.coe;

import java.util.Optional;

/**
 * A live link to one bay's COE. Implementations must be thread-safe: magnum4j shares one connection per bay among
 * all callers.
 *
 * <pre>{@code
 * try (CoeConnection coe = driver.connect(model, endpoint)) {
 *     coe.manifests().orElseThrow().create(ObjectKind.POD, Manifest.of(yaml));
 * }
 * }</pre>
 */
public interface CoeConnection extends AutoCloseable
{
    /**
     * The COE's manifest objects (pods, services, replication controllers).
     *
     * @return the client, or empty when this COE has none (the default)
     */
    default Optional<ManifestObjects> manifests()
    {
        return Optional.empty();
    }

    /**
     * The COE's containers.
     *
     * @return the client, or empty when this COE runs no containers directly (the default)
     */
    default Optional<ContainerEngine> containers()
    {
        return Optional.empty();
    }

    /**
     * Asks the COE how it is. Must answer within a few seconds; a COE that cannot be reached is
     * {@link BayHealth.Status#UNHEALTHY}, not an exception.
     *
     * @return the health, {@link BayHealth#unknown(String)} when the driver cannot tell (the default)
     */
    default BayHealth health()
    {
        return BayHealth.unknown("the driver does not check this COE's health");
    }

    /** Releases the clients and their connections. Called once. */
    @Override
    default void close()
    {
    }
}
