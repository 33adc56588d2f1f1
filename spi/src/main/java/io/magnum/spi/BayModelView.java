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
 * @param keypairId         the Nova keypair for the servers
 * @param externalNetworkId the external network for floating IPs
 * @param flavorId          the nodes' flavor, if set
 * @param masterFlavorId    the masters' flavor, if set
 * @param dnsNameserver     the DNS server the nodes use
 * @param fixedNetwork      the private network, if set
 * @param apiserverPort     the COE API port, if set
 * @param httpProxy         the nodes' HTTP proxy, if set
 * @param httpsProxy        the nodes' HTTPS proxy, if set
 * @param noProxy           hosts reached without proxy, if set
 * @param registryEnabled   whether the bay runs a docker registry
 */
public record BayModelView(
        String coe,
        String serverType,
        String clusterDistro,
        String imageId,
        String networkDriver,
        Optional<Integer> dockerVolumeSize,
        boolean tlsDisabled,
        Map<String, String> labels,
        String keypairId,
        String externalNetworkId,
        Optional<String> flavorId,
        Optional<String> masterFlavorId,
        String dnsNameserver,
        Optional<String> fixedNetwork,
        Optional<Integer> apiserverPort,
        Optional<String> httpProxy,
        Optional<String> httpsProxy,
        Optional<String> noProxy,
        boolean registryEnabled)
{
    /**
     * A view with only what validation needs; the rest empty. For tests and validation.
     *
     * @param coe              the COE
     * @param serverType       the server type
     * @param clusterDistro    the distribution
     * @param imageId          the image
     * @param networkDriver    the network driver
     * @param dockerVolumeSize the volume size
     * @param tlsDisabled      whether TLS is off
     * @param labels           the labels
     * @return the view
     */
    public static BayModelView of(String coe, String serverType, String clusterDistro, String imageId,
            String networkDriver, Optional<Integer> dockerVolumeSize, boolean tlsDisabled, Map<String, String> labels)
    {
        return new BayModelView(coe, serverType, clusterDistro, imageId, networkDriver, dockerVolumeSize, tlsDisabled,
                labels, "", "", Optional.empty(), Optional.empty(), "8.8.8.8", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public BayModelView
    {
        requireNonNull(coe, "coe is null");
        requireNonNull(serverType, "serverType is null");
        requireNonNull(clusterDistro, "clusterDistro is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(networkDriver, "networkDriver is null");
        requireNonNull(dockerVolumeSize, "dockerVolumeSize is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        requireNonNull(keypairId, "keypairId is null");
        requireNonNull(externalNetworkId, "externalNetworkId is null");
        requireNonNull(flavorId, "flavorId is null");
        requireNonNull(masterFlavorId, "masterFlavorId is null");
        requireNonNull(dnsNameserver, "dnsNameserver is null");
        requireNonNull(fixedNetwork, "fixedNetwork is null");
        requireNonNull(apiserverPort, "apiserverPort is null");
        requireNonNull(httpProxy, "httpProxy is null");
        requireNonNull(httpsProxy, "httpsProxy is null");
        requireNonNull(noProxy, "noProxy is null");
    }
}
