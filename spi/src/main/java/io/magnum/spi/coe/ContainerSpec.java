package io.magnum.spi.coe;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A container to create, as {@code container-create} takes it.
 *
 * @param uuid        magnum4j's uuid for it; drivers should attach it to the container (Docker: hostname and a
 *                    label) so it can be found again
 * @param name        its name
 * @param image       the image, such as {@code busybox} or {@code redis:3.0}; drivers never pull an image that is
 *                    present
 * @param command     the command to run, split on blanks as Docker does; empty for the image's own
 * @param memory      a memory limit such as {@code 512m}; empty for none
 * @param environment environment variables
 */
public record ContainerSpec(String uuid, String name, String image, Optional<String> command, Optional<String> memory,
                            Map<String, String> environment)
{
    public ContainerSpec
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(name, "name is null");
        requireNonNull(image, "image is null");
        requireNonNull(command, "command is null");
        requireNonNull(memory, "memory is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }
}
