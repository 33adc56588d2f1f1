package io.magnum.spi.cloud;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A bootable image, as Glance describes it.
 *
 * <pre>{@code
 * new Image("5e0c...", "fedora-21-atomic-5", Map.of("os_distro", "fedora-atomic"))
 * }</pre>
 *
 * @param id         the image id
 * @param name       the image name
 * @param properties the image's properties; magnum4j reads {@code os_distro} to choose a driver
 */
public record Image(String id, String name, Map<String, String> properties)
{
    /** The property that names the image's operating system distribution. */
    public static final String OS_DISTRO = "os_distro";

    public Image
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }

    /**
     * The image's {@code os_distro} property.
     *
     * @return the distribution, empty when the image does not have the property
     */
    public Optional<String> osDistro()
    {
        return Optional.ofNullable(properties.get(OS_DISTRO)).filter(value -> !value.isBlank());
    }
}
