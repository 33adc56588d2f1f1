package io.magnum.model;

import io.magnum.InvalidInputException;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user asks for when creating a baymodel. Unset fields are null and get Magnum's defaults at create
 * ({@code server_type} {@code vm}, the COE's default network driver, {@code dns_nameserver} {@code 8.8.8.8}, the
 * booleans false). Nothing is checked here: {@link io.magnum.BayModels#create} checks every rule and names each
 * broken one.
 *
 * <pre>{@code
 * BayModelSpec spec = BayModelSpec.builder()
 *         .name("k8sbaymodel").coe("kubernetes").imageId("fedora-21-atomic-5").keypairId("testkey")
 *         .externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.small")
 *         .dockerVolumeSize(5).networkDriver("flannel")
 *         .build();
 * }</pre>
 */
public record BayModelSpec(
        String name,
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
        Boolean tlsDisabled,
        Boolean isPublic,
        Boolean registryEnabled,
        String serverType)
{
    public BayModelSpec
    {
        if (labels != null) {
            // keeps null keys or values out without throwing here: they are reported by create()
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /** @return an empty builder */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return a builder holding this spec's values */
    public Builder newBuilder()
    {
        Builder builder = new Builder();
        builder.values.putAll(toAttributes());
        return builder;
    }

    /**
     * Reads a spec from Magnum's field names, as the REST API and the CLI give them
     * ({@code {"docker_volume_size": "5", "labels": "a=b"}}). Values may be strings or typed.
     *
     * @param attributes field name to value
     * @return the spec
     * @throws InvalidInputException naming every unknown or read-only field and every unreadable value
     */
    public static BayModelSpec fromAttributes(Map<String, ?> attributes)
    {
        if (attributes == null) {
            throw InvalidInputException.of("baymodel", "a baymodel needs attributes; got none");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Builder builder = new Builder();
        for (Map.Entry<String, ?> entry : attributes.entrySet()) {
            String key = entry.getKey();
            BayModelField field = BayModelField.byName(key).orElse(null);
            if (field == null) {
                violations.add(new FieldViolation(String.valueOf(key), "unknown field '" + key
                        + "'; a baymodel takes " + BayModelField.writableNames()));
                continue;
            }
            if (!field.writable()) {
                violations.add(new FieldViolation(key, key + " is read-only"));
                continue;
            }
            try {
                builder.values.put(field.apiName(), field.coerce(entry.getValue()));
            }
            catch (InvalidInputException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return builder.build();
    }

    /**
     * This spec as Magnum's field names; unset fields are left out.
     *
     * @return field name to value, in Magnum's field order
     */
    public Map<String, Object> toAttributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, BayModelField.NAME, name);
        put(map, BayModelField.COE, coe);
        put(map, BayModelField.IMAGE_ID, imageId);
        put(map, BayModelField.FLAVOR_ID, flavorId);
        put(map, BayModelField.MASTER_FLAVOR_ID, masterFlavorId);
        put(map, BayModelField.KEYPAIR_ID, keypairId);
        put(map, BayModelField.EXTERNAL_NETWORK_ID, externalNetworkId);
        put(map, BayModelField.FIXED_NETWORK, fixedNetwork);
        put(map, BayModelField.DNS_NAMESERVER, dnsNameserver);
        put(map, BayModelField.DOCKER_VOLUME_SIZE, dockerVolumeSize);
        put(map, BayModelField.NETWORK_DRIVER, networkDriver);
        put(map, BayModelField.APISERVER_PORT, apiserverPort);
        put(map, BayModelField.HTTP_PROXY, httpProxy);
        put(map, BayModelField.HTTPS_PROXY, httpsProxy);
        put(map, BayModelField.NO_PROXY, noProxy);
        put(map, BayModelField.LABELS, labels);
        put(map, BayModelField.TLS_DISABLED, tlsDisabled);
        put(map, BayModelField.PUBLIC, isPublic);
        put(map, BayModelField.REGISTRY_ENABLED, registryEnabled);
        put(map, BayModelField.SERVER_TYPE, serverType);
        return map;
    }

    private static void put(Map<String, Object> map, BayModelField field, Object value)
    {
        if (value != null) {
            map.put(field.apiName(), value);
        }
    }

    /** Builds a {@link BayModelSpec}; every setter takes null to unset. Not thread-safe. */
    public static final class Builder
    {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder()
        {
        }

        private Builder set(BayModelField field, Object value)
        {
            if (value == null) {
                values.remove(field.apiName());
            }
            else {
                values.put(field.apiName(), value);
            }
            return this;
        }

        /** @param name the name, unique in the project; optional @return this */
        public Builder name(String name) { return set(BayModelField.NAME, name); }

        /** @param coe {@code kubernetes}, {@code swarm}, {@code mesos} or another loaded driver's; required @return this */
        public Builder coe(String coe) { return set(BayModelField.COE, coe); }

        /** @param imageId the image name or id; required @return this */
        public Builder imageId(String imageId) { return set(BayModelField.IMAGE_ID, imageId); }

        /** @param flavorId the nodes' flavor, name or id @return this */
        public Builder flavorId(String flavorId) { return set(BayModelField.FLAVOR_ID, flavorId); }

        /** @param masterFlavorId the masters' flavor, name or id @return this */
        public Builder masterFlavorId(String masterFlavorId) { return set(BayModelField.MASTER_FLAVOR_ID, masterFlavorId); }

        /** @param keypairId the Nova keypair; required @return this */
        public Builder keypairId(String keypairId) { return set(BayModelField.KEYPAIR_ID, keypairId); }

        /** @param externalNetworkId the external network, name or id; required @return this */
        public Builder externalNetworkId(String externalNetworkId) { return set(BayModelField.EXTERNAL_NETWORK_ID, externalNetworkId); }

        /** @param fixedNetwork the private network @return this */
        public Builder fixedNetwork(String fixedNetwork) { return set(BayModelField.FIXED_NETWORK, fixedNetwork); }

        /** @param dnsNameserver an IPv4 address @return this */
        public Builder dnsNameserver(String dnsNameserver) { return set(BayModelField.DNS_NAMESERVER, dnsNameserver); }

        /** @param dockerVolumeSize GB, at least 1 @return this */
        public Builder dockerVolumeSize(Integer dockerVolumeSize) { return set(BayModelField.DOCKER_VOLUME_SIZE, dockerVolumeSize); }

        /** @param networkDriver one the COE's driver supports @return this */
        public Builder networkDriver(String networkDriver) { return set(BayModelField.NETWORK_DRIVER, networkDriver); }

        /** @param apiserverPort 1024 to 65535 @return this */
        public Builder apiserverPort(Integer apiserverPort) { return set(BayModelField.APISERVER_PORT, apiserverPort); }

        /** @param httpProxy the nodes' HTTP proxy @return this */
        public Builder httpProxy(String httpProxy) { return set(BayModelField.HTTP_PROXY, httpProxy); }

        /** @param httpsProxy the nodes' HTTPS proxy @return this */
        public Builder httpsProxy(String httpsProxy) { return set(BayModelField.HTTPS_PROXY, httpsProxy); }

        /** @param noProxy hosts reached without proxy, comma-separated @return this */
        public Builder noProxy(String noProxy) { return set(BayModelField.NO_PROXY, noProxy); }

        /** @param labels free-form labels the driver reads @return this */
        public Builder labels(Map<String, String> labels) { return set(BayModelField.LABELS, labels); }

        /** @param tlsDisabled true to run the bay's endpoints without TLS @return this */
        public Builder tlsDisabled(Boolean tlsDisabled) { return set(BayModelField.TLS_DISABLED, tlsDisabled); }

        /** @param isPublic true to share with every project (admin only) @return this */
        public Builder isPublic(Boolean isPublic) { return set(BayModelField.PUBLIC, isPublic); }

        /** @param registryEnabled true to run a docker registry in the bay @return this */
        public Builder registryEnabled(Boolean registryEnabled) { return set(BayModelField.REGISTRY_ENABLED, registryEnabled); }

        /** @param serverType {@code vm} (default) or {@code bm} @return this */
        public Builder serverType(String serverType) { return set(BayModelField.SERVER_TYPE, serverType); }

        /** @return the spec */
        @SuppressWarnings("unchecked")
        public BayModelSpec build()
        {
            return new BayModelSpec(
                    (String) values.get("name"), (String) values.get("coe"), (String) values.get("image_id"),
                    (String) values.get("flavor_id"), (String) values.get("master_flavor_id"),
                    (String) values.get("keypair_id"), (String) values.get("external_network_id"),
                    (String) values.get("fixed_network"), (String) values.get("dns_nameserver"),
                    (Integer) values.get("docker_volume_size"), (String) values.get("network_driver"),
                    (Integer) values.get("apiserver_port"), (String) values.get("http_proxy"),
                    (String) values.get("https_proxy"), (String) values.get("no_proxy"),
                    (Map<String, String>) values.get("labels"), (Boolean) values.get("tls_disabled"),
                    (Boolean) values.get("public"), (Boolean) values.get("registry_enabled"),
                    (String) values.get("server_type"));
        }
    }
}
