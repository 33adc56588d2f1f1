package io.magnum.spi;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A baymodel as a driver sees it when it validates one: the values the user asked for, after magnum4j applied
 * defaults and resolved the image's distribution. Optional attributes are empty when the user did not set them.
 *
 * <pre>{@code
 * if (model.dockerVolumeSize().orElse(25) < 3) { ... }
 * }</pre>
 *
 * @param coe               the orchestration engine
 * @param serverType        {@code vm} or {@code bm}
 * @param clusterDistro     the {@code os_distro} of the image
 * @param imageId           the image name or id
 * @param networkDriver     the network driver in effect (the driver's default when the user gave none)
 * @param dockerVolumeSize  the docker volume size in GB, if set
 * @param tlsDisabled       whether the bay's endpoints go without TLS
 * @param labels            free-form labels, never null
 */
public record BayModelView(
        String coe,
        String serverType,
        String clusterDistro,
        String imageId,
        String networkDriver,
        Optional<Integer> dockerVolumeSize,
        boolean tlsDisabled,
        Map<String, String> labels)
{
    public BayModelView
    {
        requireNonNull(coe, "coe is null");
        requireNonNull(serverType, "serverType is null");
        requireNonNull(clusterDistro, "clusterDistro is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(networkDriver, "networkDriver is null");
        requireNonNull(dockerVolumeSize, "dockerVolumeSize is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
    }
}
