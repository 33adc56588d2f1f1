package io.magnum.core.baymodel;

import io.magnum.InvalidInputException;
import io.magnum.core.driver.DriverRegistry;
import io.magnum.model.BayModelSpec;
import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.Flavor;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Network;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Magnum's baymodel rules: every one is checked and every broken one reported, each naming its field. Cloud lookups
 * run only for fields that are well-formed.
 */
@Singleton
public final class BayModelValidator
{
    static final String DEFAULT_SERVER_TYPE = "vm";
    static final String DEFAULT_DNS_NAMESERVER = "8.8.8.8";
    static final Set<String> SERVER_TYPES = Set.of("vm", "bm");
    static final int MAX_STRING = 255;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*");
    private static final Pattern UUID_LIKE = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-zA-Z0-9_.\\-/]+");

    private final Cloud cloud;
    private final DriverRegistry drivers;

    @Inject
    public BayModelValidator(Cloud cloud, DriverRegistry drivers)
    {
        this.cloud = cloud;
        this.drivers = drivers;
    }

    /** A baymodel that passed every rule, with Magnum's defaults filled in. */
    public record Valid(BayModelSpec spec, String clusterDistro, CoeDriver driver)
    {
    }

    /**
     * Checks a spec and fills in the defaults.
     *
     * @param spec the spec
     * @return the spec with defaults, its distribution and its driver
     * @throws InvalidInputException naming every broken rule
     */
    public Valid validate(BayModelSpec spec)
    {
        List<FieldViolation> errors = new ArrayList<>();

        if (spec.name() != null && string(errors, "name", spec.name())) {
            if (!NAME.matcher(spec.name()).matches()) {
                errors.add(new FieldViolation("name", "name '" + spec.name() + "' must start with a letter and hold"
                        + " only letters, digits, '_', '.' and '-'"));
            }
            else if (looksLikeUuid(spec.name())) {
                errors.add(new FieldViolation("name", "name '" + spec.name() + "' must not look like a uuid"));
            }
        }

        String coe = spec.coe();
        boolean coeKnown = false;
        if (coe == null) {
            errors.add(new FieldViolation("coe", "coe is required; loaded drivers provide " + drivers.coes()));
        }
        else if (string(errors, "coe", coe)) {
            coeKnown = drivers.coes().contains(coe);
            if (!coeKnown) {
                errors.add(new FieldViolation("coe", "coe '" + coe + "' is not supported; loaded drivers provide "
                        + drivers.coes()));
            }
        }

        String serverType = spec.serverType() == null ? DEFAULT_SERVER_TYPE : spec.serverType();
        boolean serverTypeKnown = SERVER_TYPES.contains(serverType);
        if (!serverTypeKnown) {
            errors.add(new FieldViolation("server_type", "server_type '" + serverType + "' must be vm or bm"));
        }

        String distro = null;
        CoeDriver driver = null;
        if (spec.imageId() == null) {
            errors.add(new FieldViolation("image_id", "image_id is required"));
        }
        else if (string(errors, "image_id", spec.imageId())) {
            Optional<Image> image = cloud.findImage(spec.imageId());
            if (image.isEmpty()) {
                errors.add(new FieldViolation("image_id", "image_id '" + spec.imageId() + "' does not exist in the cloud"));
            }
            else if (image.get().osDistro().isEmpty()) {
                errors.add(new FieldViolation("image_id", "image '" + spec.imageId() + "' has no os_distro property;"
                        + " set it to the image's distribution (for example fedora-atomic) so a driver can be chosen"));
            }
            else {
                distro = image.get().osDistro().get();
                if (coeKnown && serverTypeKnown) {
                    driver = drivers.find(new DriverKey(coe, serverType, distro)).orElse(null);
                    if (driver == null) {
                        errors.add(new FieldViolation("image_id", "no driver provides coe " + coe + " on server_type "
                                + serverType + " with os_distro " + distro + " (the os_distro of image '"
                                + spec.imageId() + "'); provided: " + drivers.keys()));
                    }
                }
            }
        }

        if (spec.keypairId() == null) {
            errors.add(new FieldViolation("keypair_id", "keypair_id is required"));
        }
        else if (string(errors, "keypair_id", spec.keypairId()) && cloud.findKeypair(spec.keypairId()).isEmpty()) {
            errors.add(new FieldViolation("keypair_id", "keypair_id '" + spec.keypairId() + "' does not exist in the cloud"));
        }

        if (spec.externalNetworkId() == null) {
            errors.add(new FieldViolation("external_network_id", "external_network_id is required"));
        }
        else if (string(errors, "external_network_id", spec.externalNetworkId())) {
            Optional<Network> network = cloud.findNetwork(spec.externalNetworkId());
            if (network.isEmpty()) {
                errors.add(new FieldViolation("external_network_id", "external_network_id '" + spec.externalNetworkId()
                        + "' does not exist in the cloud"));
            }
            else if (!network.get().external()) {
                errors.add(new FieldViolation("external_network_id", "network '" + spec.externalNetworkId()
                        + "' is not an external network"));
            }
        }

        flavor(errors, "flavor_id", spec.flavorId());
        flavor(errors, "master_flavor_id", spec.masterFlavorId());
        if (spec.fixedNetwork() != null) {
            string(errors, "fixed_network", spec.fixedNetwork());
        }

        String dns = spec.dnsNameserver() == null ? DEFAULT_DNS_NAMESERVER : spec.dnsNameserver();
        if (string(errors, "dns_nameserver", dns) && !IPV4.matcher(dns).matches()) {
            errors.add(new FieldViolation("dns_nameserver", "dns_nameserver '" + dns + "' must be an IPv4 address"));
        }

        if (spec.dockerVolumeSize() != null && spec.dockerVolumeSize() < 1) {
            errors.add(new FieldViolation("docker_volume_size", "docker_volume_size must be at least 1 (GB), not "
                    + spec.dockerVolumeSize()));
        }
        if (spec.apiserverPort() != null && (spec.apiserverPort() < 1024 || spec.apiserverPort() > 65535)) {
            errors.add(new FieldViolation("apiserver_port", "apiserver_port must be from 1024 to 65535, not "
                    + spec.apiserverPort()));
        }
        for (String[] proxy : new String[][] {{"http_proxy", spec.httpProxy()}, {"https_proxy", spec.httpsProxy()},
                {"no_proxy", spec.noProxy()}}) {
            if (proxy[1] != null) {
                string(errors, proxy[0], proxy[1]);
            }
        }

        String networkDriver = spec.networkDriver();
        if (networkDriver != null && string(errors, "network_driver", networkDriver) && coeKnown) {
            Set<String> allowed = driver != null ? driver.networkDrivers() : allNetworkDrivers(coe);
            if (!allowed.contains(networkDriver)) {
                errors.add(new FieldViolation("network_driver", "network_driver '" + networkDriver
                        + "' is not supported by coe " + coe + "; supported: " + new TreeSet<>(allowed)));
            }
        }
        if (networkDriver == null && driver != null) {
            networkDriver = driver.defaultNetworkDriver();
        }

        Map<String, String> labels = spec.labels() == null ? Map.of() : spec.labels();
        boolean labelsWellFormed = labels(errors, labels);

        if (errors.isEmpty() && labelsWellFormed && driver != null) {
            BayModelView view = view(spec, serverType, distro, networkDriver, dns, labels);
            List<FieldViolation> driverErrors = driver.validate(view);
            if (driverErrors != null) {
                errors.addAll(driverErrors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }

        BayModelSpec filled = spec.newBuilder()
                .serverType(serverType)
                .dnsNameserver(dns)
                .networkDriver(networkDriver)
                .labels(new LinkedHashMap<>(labels))
                .tlsDisabled(Boolean.TRUE.equals(spec.tlsDisabled()))
                .isPublic(Boolean.TRUE.equals(spec.isPublic()))
                .registryEnabled(Boolean.TRUE.equals(spec.registryEnabled()))
                .build();
        return new Valid(filled, distro, driver);
    }

    /**
     * A baymodel as drivers see it.
     *
     * @param model a stored baymodel
     * @return the view
     */
    public static BayModelView view(io.magnum.model.BayModel model)
    {
        return view(model.toSpec(), model.serverType(), model.clusterDistro(), model.networkDriver(),
                model.dnsNameserver(), model.labels());
    }

    private static BayModelView view(BayModelSpec spec, String serverType, String distro, String networkDriver,
            String dns, Map<String, String> labels)
    {
        return new BayModelView(spec.coe(), serverType, distro, spec.imageId(), networkDriver,
                Optional.ofNullable(spec.dockerVolumeSize()), Boolean.TRUE.equals(spec.tlsDisabled()), labels,
                spec.keypairId(), spec.externalNetworkId(), Optional.ofNullable(spec.flavorId()),
                Optional.ofNullable(spec.masterFlavorId()), dns, Optional.ofNullable(spec.fixedNetwork()),
                Optional.ofNullable(spec.apiserverPort()), Optional.ofNullable(spec.httpProxy()),
                Optional.ofNullable(spec.httpsProxy()), Optional.ofNullable(spec.noProxy()),
                Boolean.TRUE.equals(spec.registryEnabled()));
    }

    /**
     * @param ident a name or uuid
     * @return whether it has the shape of a uuid (with or without dashes)
     */
    public static boolean looksLikeUuid(String ident)
    {
        return UUID_LIKE.matcher(ident).matches();
    }

    private Set<String> allNetworkDrivers(String coe)
    {
        Set<String> all = new TreeSet<>();
        drivers.forCoe(coe).forEach(d -> all.addAll(d.networkDrivers()));
        return all;
    }

    private void flavor(List<FieldViolation> errors, String field, String value)
    {
        if (value != null && string(errors, field, value)) {
            Optional<Flavor> flavor = cloud.findFlavor(value);
            if (flavor.isEmpty()) {
                errors.add(new FieldViolation(field, field + " '" + value + "' does not exist in the cloud"));
            }
        }
    }

    private static boolean labels(List<FieldViolation> errors, Map<String, String> labels)
    {
        int before = errors.size();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_STRING || !LABEL_KEY.matcher(key).matches()) {
                errors.add(new FieldViolation("labels", "label key '" + key + "' must be 1 to " + MAX_STRING
                        + " letters, digits, '_', '.', '-' or '/'"));
            }
            else if (label.getValue() == null) {
                errors.add(new FieldViolation("labels", "label " + key + " has no value"));
            }
            else if (label.getValue().length() > MAX_STRING) {
                errors.add(new FieldViolation("labels", "label " + key + " must be at most " + MAX_STRING
                        + " characters"));
            }
        }
        return errors.size() == before;
    }

    // Magnum's string fields hold 1 to 255 characters, without control characters.
    private static boolean string(List<FieldViolation> errors, String field, String value)
    {
        if (value.isEmpty() || value.length() > MAX_STRING) {
            errors.add(new FieldViolation(field, field + " must be 1 to " + MAX_STRING + " characters, not "
                    + value.length()));
            return false;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldViolation(field, field + " must not contain control characters"));
            return false;
        }
        return true;
    }
}
