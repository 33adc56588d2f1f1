package io.magnum.spi.cloud;

import java.util.List;
import java.util.Optional;

/**
 * The cloud a {@code Magnum} instance builds bays on: an inventory of images, flavors, keypairs and networks, and
 * Heat's stacks.
 *
 * <p>Lookups take a name or an id, as Magnum's validators do, and return empty when nothing matches. They throw
 * {@link CloudException} only when the cloud cannot answer. Implementations are thread-safe.
 *
 * <pre>{@code
 * Image image = cloud.findImage("fedora-21-atomic-5").orElseThrow();
 * String distro = image.osDistro().orElse("unset");
 * }</pre>
 */
public interface Cloud extends AutoCloseable
{
    /**
     * A short description for logs, without secrets, such as {@code local} or {@code openstack http://keystone:5000/v3}.
     *
     * @return the description
     */
    String describe();

    /**
     * Finds an image by id or name.
     *
     * @param idOrName the image id or name
     * @return the image, or empty
     * @throws CloudException when the cloud cannot answer
     */
    Optional<Image> findImage(String idOrName);

    /**
     * Finds a flavor by id or name.
     *
     * @param idOrName the flavor id or name
     * @return the flavor, or empty
     * @throws CloudException when the cloud cannot answer
     */
    Optional<Flavor> findFlavor(String idOrName);

    /**
     * Finds a keypair by name.
     *
     * @param name the keypair name
     * @return the keypair, or empty
     * @throws CloudException when the cloud cannot answer
     */
    Optional<Keypair> findKeypair(String name);

    /**
     * Finds a network by id or name.
     *
     * @param idOrName the network id or name
     * @return the network, or empty
     * @throws CloudException when the cloud cannot answer
     */
    Optional<Network> findNetwork(String idOrName);

    /**
     * The identity endpoint the bays' templates are given (Magnum's {@code auth_url} parameter).
     *
     * @return the Keystone URL, or an empty string when the cloud has none
     */
    default String authUrl()
    {
        return "";
    }

    /**
     * Whether this cloud serves bays' COE APIs itself (LocalCloud) rather than on the bays' servers.
     *
     * @return the hosting, empty for a real cloud (the default)
     */
    default Optional<CoeHosting> coeHosting()
    {
        return Optional.empty();
    }

    /**
     * Heat.
     *
     * @return the stack operations of this cloud
     */
    Orchestration stacks();

    /** @return every image visible to the caller */
    List<Image> images();

    /** @return every flavor */
    List<Flavor> flavors();

    /** @return every keypair */
    List<Keypair> keypairs();

    /** @return every network */
    List<Network> networks();

    /** Releases connections and threads the cloud holds. Idempotent. */
    @Override
    void close();
}
