package io.magnum.spi;

import static java.util.Objects.requireNonNull;

/**
 * What a driver provides: one (coe, server type, operating system distribution) combination, as Magnum keys its
 * drivers. The distribution is the {@code os_distro} property of the baymodel's image.
 *
 * <pre>{@code
 * new DriverKey("kubernetes", "vm", "fedora-atomic")
 * }</pre>
 *
 * @param coe        the container orchestration engine, for example {@code kubernetes}
 * @param serverType {@code vm} or {@code bm}
 * @param osDistro   the image's {@code os_distro}, for example {@code fedora-atomic}
 */
public record DriverKey(String coe, String serverType, String osDistro)
{
    public DriverKey
    {
        requireNonNull(coe, "coe is null");
        requireNonNull(serverType, "serverType is null");
        requireNonNull(osDistro, "osDistro is null");
    }

    @Override
    public String toString()
    {
        return serverType + "/" + osDistro + "/" + coe;
    }
}
