package io.magnum.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A stored baymodel: the template bays are built from. Fields Magnum leaves unset are null ({@code flavorId},
 * {@code updatedAt}, ...); {@link #attributes()} gives them all under Magnum's names, as {@code baymodel-show}
 * prints them.
 *
 * <pre>{@code
 * BayModel model = magnum.bayModels().get("k8sbaymodel");
 * model.coe();              // "kubernetes"
 * model.clusterDistro();    // "fedora-atomic", from the image's os_distro
 * }</pre>
 */
public record BayModel(
        String uuid,
        String name,
        String projectId,
        String userId,
        String coe,
        String imageId,
        String flavorId,
        String masterFlavorId,
        String keypairId,
        String externalNetworkId,
        String fixedNetwork,
        String dnsNameserver,
        Integer dockerVolumeSize,
        String networkDriver,
        Integer apiserverPort,
        String httpProxy,
        String httpsProxy,
        String noProxy,
        Map<String, String> labels,
        boolean tlsDisabled,
        boolean isPublic,
        boolean registryEnabled,
        String serverType,
        String clusterDistro,
        Instant createdAt,
        Instant updatedAt)
{
    public BayModel
    {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(projectId, "projectId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(coe, "coe is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(keypairId, "keypairId is null");
        requireNonNull(serverType, "serverType is null");
        requireNonNull(clusterDistro, "clusterDistro is null");
        requireNonNull(createdAt, "createdAt is null");
        // sorted by key, so every show prints labels in the same order
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(labels, "labels is null")));
    }

    /**
     * Every field under Magnum's name, in Magnum's order; unset fields map to null.
     *
     * @return field name to value
     */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(BayModelField.UUID.apiName(), uuid);
        map.put(BayModelField.NAME.apiName(), name);
        map.put(BayModelField.PROJECT_ID.apiName(), projectId);
        map.put(BayModelField.USER_ID.apiName(), userId);
        map.put(BayModelField.COE.apiName(), coe);
        map.put(BayModelField.IMAGE_ID.apiName(), imageId);
        map.put(BayModelField.FLAVOR_ID.apiName(), flavorId);
        map.put(BayModelField.MASTER_FLAVOR_ID.apiName(), masterFlavorId);
        map.put(BayModelField.KEYPAIR_ID.apiName(), keypairId);
        map.put(BayModelField.EXTERNAL_NETWORK_ID.apiName(), externalNetworkId);
        map.put(BayModelField.FIXED_NETWORK.apiName(), fixedNetwork);
        map.put(BayModelField.DNS_NAMESERVER.apiName(), dnsNameserver);
        map.put(BayModelField.DOCKER_VOLUME_SIZE.apiName(), dockerVolumeSize);
        map.put(BayModelField.NETWORK_DRIVER.apiName(), networkDriver);
        map.put(BayModelField.APISERVER_PORT.apiName(), apiserverPort);
        map.put(BayModelField.HTTP_PROXY.apiName(), httpProxy);
        map.put(BayModelField.HTTPS_PROXY.apiName(), httpsProxy);
        map.put(BayModelField.NO_PROXY.apiName(), noProxy);
        map.put(BayModelField.LABELS.apiName(), labels);
        map.put(BayModelField.TLS_DISABLED.apiName(), tlsDisabled);
        map.put(BayModelField.PUBLIC.apiName(), isPublic);
        map.put(BayModelField.REGISTRY_ENABLED.apiName(), registryEnabled);
        map.put(BayModelField.SERVER_TYPE.apiName(), serverType);
        map.put(BayModelField.CLUSTER_DISTRO.apiName(), clusterDistro);
        map.put(BayModelField.CREATED_AT.apiName(), createdAt);
        map.put(BayModelField.UPDATED_AT.apiName(), updatedAt);
        return map;
    }

    /**
     * The user-settable fields of this baymodel as a spec, the starting point of an update.
     *
     * @return the spec
     */
    public BayModelSpec toSpec()
    {
        return new BayModelSpec(name, coe, imageId, flavorId, masterFlavorId, keypairId, externalNetworkId,
                fixedNetwork, dnsNameserver, dockerVolumeSize, networkDriver, apiserverPort, httpProxy, httpsProxy,
                noProxy, labels, tlsDisabled, isPublic, registryEnabled, serverType);
    }
}
