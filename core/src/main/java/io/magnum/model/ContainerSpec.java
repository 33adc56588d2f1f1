package io.magnum.model;

import java.util.Map;

/**
 * A container to create ({@code container-create --name test --image cirros --bay swarmbay --command "ping -c 4
 * 8.8.8.8"}).
 *
 * <pre>{@code
 * magnum.containers().create(ContainerSpec.of("test", "swarmbay", "busybox").withCommand("sleep 60"));
 * }</pre>
 *
 * @param name        the name (required): a letter first, then letters, digits, '_', '.', '-'
 * @param bay         the bay's uuid or name (required)
 * @param image       the image (required); never pulled by magnum4j's own endpoints
 * @param command     the command, or null for the image's
 * @param memory      a memory limit such as {@code 512m}, or null
 * @param environment environment variables, or null for none
 */
public record ContainerSpec(String name, String bay, String image, String command, String memory,
                            Map<String, String> environment)
{
    public ContainerSpec
    {
        // a copy that keeps null names or values, so the facade can name them rather than fail here
        environment = environment == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /**
     * @param name  the name
     * @param bay   the bay
     * @param image the image
     * @return a spec with no command, memory limit or environment
     */
    public static ContainerSpec of(String name, String bay, String image)
    {
        return new ContainerSpec(name, bay, image, null, null, Map.of());
    }

    /**
     * @param command the command
     * @return a copy with this command
     */
    public ContainerSpec withCommand(String command)
    {
        return new ContainerSpec(name, bay, image, command, memory, environment);
    }

    /**
     * @param memory a memory limit such as {@code 512m}
     * @return a copy with this limit
     */
    public ContainerSpec withMemory(String memory)
    {
        return new ContainerSpec(name, bay, image, command, memory, environment);
    }

    /**
     * @param environment environment variables
     * @return a copy with these variables
     */
    public ContainerSpec withEnvironment(Map<String, String> environment)
    {
        return new ContainerSpec(name, bay, image, command, memory, environment);
    }
}
