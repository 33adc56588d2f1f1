package io.magnum.spi.cloud;

import static java.util.Objects.requireNonNull;

/**
 * A Neutron network.
 *
 * <pre>{@code
 * new Network("6f1a...", "public", true)
 * }</pre>
 *
 * @param id       the network id
 * @param name     the network name
 * @param external whether it is an external network ({@code router:external}), usable for floating IPs
 */
public record Network(String id, String name, boolean external)
{
    public Network
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
    }
}
