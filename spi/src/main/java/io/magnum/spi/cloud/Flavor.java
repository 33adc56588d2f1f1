package io.magnum.spi.cloud;

import static java.util.Objects.requireNonNull;

/**
 * A server size, as Nova describes it.
 *
 * <pre>{@code
 * new Flavor("2", "m1.small", 1, 2048, 20)
 * }</pre>
 *
 * @param id     the flavor id
 * @param name   the flavor name
 * @param vcpus  virtual CPUs
 * @param ramMb  memory in MiB
 * @param diskGb root disk in GB
 */
public record Flavor(String id, String name, int vcpus, int ramMb, int diskGb)
{
    public Flavor
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
    }
}
