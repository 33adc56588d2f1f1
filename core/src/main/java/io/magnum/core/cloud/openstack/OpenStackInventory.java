package io.magnum.core.cloud.openstack;

import io.magnum.spi.cloud.Flavor;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Keypair;
import io.magnum.spi.cloud.Network;
import org.openstack4j.openstack.image.v2.domain.GlanceImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.magnum.core.cloud.openstack.OpenStackService.GLANCE;
import static io.magnum.core.cloud.openstack.OpenStackService.NEUTRON;
import static io.magnum.core.cloud.openstack.OpenStackService.NOVA;
import static java.util.Objects.requireNonNull;

/**
 * Glance images (API v2, with their properties), Nova flavors and keypairs, Neutron networks, all through openstack4j.
 * Lookups work as Magnum's validators do: a value shaped like a UUID is tried as an id first, then anything is tried as
 * a name; when several match a name, the first by id is taken (and a warning logged).
 */
public final class OpenStackInventory
{
    /** Glance pages its image list (25 by default, at most api_limit_max, 1000 by default); this many a page. */
    static final int IMAGE_PAGE_SIZE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(OpenStackInventory.class);
    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}");

    private final KeystoneSession session;

    public OpenStackInventory(KeystoneSession session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    public Optional<Image> findImage(String idOrName)
    {
        requireNonNull(idOrName, "idOrName is null");
        if (uuidLike(idOrName)) {
            org.openstack4j.model.image.v2.Image byId = session.call(GLANCE, client -> client.imagesV2().get(idOrName));
            if (byId != null) {
                return Optional.of(image(byId));
            }
        }
        List<? extends org.openstack4j.model.image.v2.Image> byName =
                session.call(GLANCE, client -> client.imagesV2().list(Map.of("name", idOrName)));
        return first("image", idOrName, byName.stream().map(OpenStackInventory::image).toList(), Image::id);
    }

    public List<Image> images()
    {
        List<Image> images = new ArrayList<>();
        String marker = null;
        while (true) {
            Map<String, String> page = new LinkedHashMap<>();
            page.put("limit", String.valueOf(IMAGE_PAGE_SIZE));
            if (marker != null) {
                page.put("marker", marker);
            }
            List<? extends org.openstack4j.model.image.v2.Image> found = session.call(GLANCE, client -> client.imagesV2().list(page));
            if (found.isEmpty()) {
                return images;
            }
            String last = found.get(found.size() - 1).getId();
            if (last == null || last.equals(marker)) {
                return images; // a server that ignores the marker would loop for ever
            }
            found.stream().map(OpenStackInventory::image).forEach(images::add);
            if (found.size() < IMAGE_PAGE_SIZE) {
                return images;
            }
            marker = last;
        }
    }

    public Optional<Flavor> findFlavor(String idOrName)
    {
        requireNonNull(idOrName, "idOrName is null");
        List<Flavor> flavors = flavors();
        Optional<Flavor> byId = flavors.stream().filter(flavor -> flavor.id().equals(idOrName)).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        return first("flavor", idOrName, flavors.stream().filter(flavor -> flavor.name().equals(idOrName)).toList(), Flavor::id);
    }

    public List<Flavor> flavors()
    {
        List<? extends org.openstack4j.model.compute.Flavor> flavors = session.call(NOVA, client -> client.compute().flavors().list(true));
        return flavors.stream()
                .map(flavor -> new Flavor(flavor.getId(), nonNull(flavor.getName()), flavor.getVcpus(), flavor.getRam(), flavor.getDisk()))
                .toList();
    }

    public Optional<Keypair> findKeypair(String name)
    {
        requireNonNull(name, "name is null");
        return keypairs().stream().filter(keypair -> keypair.name().equals(name)).findFirst();
    }

    public List<Keypair> keypairs()
    {
        List<? extends org.openstack4j.model.compute.Keypair> keypairs = session.call(NOVA, client -> client.compute().keypairs().list());
        return keypairs.stream()
                .map(keypair -> new Keypair(keypair.getName(), nonNull(keypair.getPublicKey()), nonNull(keypair.getFingerprint())))
                .toList();
    }

    public Optional<Network> findNetwork(String idOrName)
    {
        requireNonNull(idOrName, "idOrName is null");
        if (uuidLike(idOrName)) {
            org.openstack4j.model.network.Network byId = session.call(NEUTRON, client -> client.networking().network().get(idOrName));
            if (byId != null) {
                return Optional.of(network(byId));
            }
        }
        List<? extends org.openstack4j.model.network.Network> byName =
                session.call(NEUTRON, client -> client.networking().network().list(Map.of("name", idOrName)));
        return first("network", idOrName, byName.stream().map(OpenStackInventory::network).toList(), Network::id);
    }

    public List<Network> networks()
    {
        List<? extends org.openstack4j.model.network.Network> networks = session.call(NEUTRON, client -> client.networking().network().list());
        return networks.stream().map(OpenStackInventory::network).toList();
    }

    static Image image(org.openstack4j.model.image.v2.Image glance)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        if (glance instanceof GlanceImage image) {
            image.getAdditionalProperties().forEach((key, value) -> {
                if (key != null && value != null) {
                    properties.put(key, value);
                }
            });
        }
        // Glance v2 has these at the top level of the image, like any property; openstack4j reads them into fields
        putIfPresent(properties, "os_distro", glance.getOsDistro());
        putIfPresent(properties, "os_version", glance.getOsVersion());
        putIfPresent(properties, "architecture", glance.getArchitecture());
        putIfPresent(properties, "kernel_id", glance.getKernelId());
        putIfPresent(properties, "ramdisk_id", glance.getRamdiskId());
        return new Image(glance.getId(), nonNull(glance.getName()), properties);
    }

    private static Network network(org.openstack4j.model.network.Network neutron)
    {
        return new Network(neutron.getId(), nonNull(neutron.getName()), neutron.isRouterExternal());
    }

    private static <T> Optional<T> first(String kind, String name, List<T> matches, Function<T, String> id)
    {
        if (matches.size() > 1) {
            LOG.warn("{} {} {} match name {}; using the first by id", matches.size(), kind + "s", matches.stream().map(id).toList(), name);
            return matches.stream().min(Comparator.comparing(id));
        }
        return matches.stream().findFirst();
    }

    private static boolean uuidLike(String value)
    {
        return UUID_LIKE.matcher(value).matches();
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value)
    {
        if (value != null) {
            properties.put(key, value);
        }
    }

    private static String nonNull(String value)
    {
        return value == null ? "" : value;
    }
}
