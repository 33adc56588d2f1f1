package io.magnum.local;

import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.Flavor;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Keypair;
import io.magnum.local.coe.LocalCoeHosting;
import io.magnum.local.heat.LocalHeat;
import io.magnum.spi.cloud.CoeHosting;
import io.magnum.spi.cloud.Network;
import io.magnum.spi.cloud.Orchestration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * An in-process cloud: the embedded default of magnum4j, with a Heat engine ({@link #heat()}) that runs real HOT
 * templates against a simulated inventory. Its inventory starts with what the Magnum walkthrough
 * uses (image {@code fedora-21-atomic-5} with {@code os_distro=fedora-atomic}, flavor {@code m1.small}, keypair
 * {@code testkey}, external network {@code public}) and can be changed at any time, from any thread.
 *
 * <pre>{@code
 * LocalCloud cloud = LocalCloud.create();
 * cloud.addImage("ubuntu-20.04", Map.of("os_distro", "ubuntu"));
 * try (Magnum magnum = Magnum.builder().cloud(cloud).build()) { ... }
 * }</pre>
 *
 * <p>Ids are derived from names ({@link UUID#nameUUIDFromBytes}), so they are the same in every run.
 */
public final class LocalCloud implements Cloud
{
    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final Map<String, Flavor> flavors = new ConcurrentHashMap<>();
    private final Map<String, Keypair> keypairs = new ConcurrentHashMap<>();
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    private final LocalHeat heat;
    private final LocalCoeHosting coeHosting = LocalCoeHosting.discover();

    private LocalCloud()
    {
        this.heat = LocalHeat.create(ref -> findImage(ref).isPresent(), ref -> findFlavor(ref).isPresent(),
                name -> findKeypair(name).isPresent(), ref -> findNetwork(ref).map(Network::id).orElse(null),
                ref -> findNetwork(ref).map(Network::external).orElse(false), Clock.systemUTC());
    }

    /**
     * A cloud with the walkthrough's inventory: images {@code fedora-21-atomic-5} (fedora-atomic),
     * {@code fedora-23-atomic} (fedora-atomic), {@code coreos} (coreos) and {@code ubuntu-mesos} (ubuntu); flavors
     * {@code m1.tiny}, {@code m1.small}, {@code m1.medium}, {@code m1.large}; keypair {@code testkey}; networks
     * {@code public} (external) and {@code private}.
     *
     * @return a new cloud
     */
    public static LocalCloud create()
    {
        LocalCloud cloud = empty();
        cloud.addImage("fedora-21-atomic-5", Map.of(Image.OS_DISTRO, "fedora-atomic"));
        cloud.addImage("fedora-23-atomic", Map.of(Image.OS_DISTRO, "fedora-atomic"));
        cloud.addImage("coreos", Map.of(Image.OS_DISTRO, "coreos"));
        cloud.addImage("ubuntu-mesos", Map.of(Image.OS_DISTRO, "ubuntu"));
        cloud.addFlavor(new Flavor("1", "m1.tiny", 1, 512, 1));
        cloud.addFlavor(new Flavor("2", "m1.small", 1, 2048, 20));
        cloud.addFlavor(new Flavor("3", "m1.medium", 2, 4096, 40));
        cloud.addFlavor(new Flavor("4", "m1.large", 4, 8192, 80));
        cloud.addKeypair("testkey");
        cloud.addNetwork("public", true);
        cloud.addNetwork("private", false);
        return cloud;
    }

    /**
     * A cloud with nothing in it.
     *
     * @return a new, empty cloud
     */
    public static LocalCloud empty()
    {
        return new LocalCloud();
    }

    /**
     * Adds (or replaces) an image.
     *
     * @param name       the image name
     * @param properties its properties, such as {@code os_distro}
     * @return the image
     */
    public Image addImage(String name, Map<String, String> properties)
    {
        Image image = new Image(idFor("image", name), name, properties);
        images.put(name, image);
        return image;
    }

    /**
     * Adds (or replaces) a flavor.
     *
     * @param flavor the flavor
     * @return the flavor
     */
    public Flavor addFlavor(Flavor flavor)
    {
        flavors.put(requireNonNull(flavor, "flavor is null").name(), flavor);
        return flavor;
    }

    /**
     * Adds (or replaces) a keypair with a generated public key.
     *
     * @param name the keypair name
     * @return the keypair
     */
    public Keypair addKeypair(String name)
    {
        String id = idFor("keypair", name).replace("-", "");
        Keypair keypair = new Keypair(name, "ssh-rsa AAAAB3NzaC1yc2E" + id + " " + name + "@localcloud",
                String.join(":", id.substring(0, 2), id.substring(2, 4), id.substring(4, 6), id.substring(6, 8)));
        keypairs.put(name, keypair);
        return keypair;
    }

    /**
     * Adds (or replaces) a network.
     *
     * @param name     the network name
     * @param external whether it is external (usable for floating IPs)
     * @return the network
     */
    public Network addNetwork(String name, boolean external)
    {
        Network network = new Network(idFor("network", name), name, external);
        networks.put(name, network);
        return network;
    }

    /** @param name the image to remove; nothing happens when there is none */
    public void removeImage(String name)
    {
        images.remove(name);
    }

    /** @param name the flavor to remove; nothing happens when there is none */
    public void removeFlavor(String name)
    {
        flavors.remove(name);
    }

    /** @param name the keypair to remove; nothing happens when there is none */
    public void removeKeypair(String name)
    {
        keypairs.remove(name);
    }

    /** @param name the network to remove; nothing happens when there is none */
    public void removeNetwork(String name)
    {
        networks.remove(name);
    }

    @Override
    public String describe()
    {
        return "local";
    }

    @Override
    public Optional<Image> findImage(String idOrName)
    {
        return find(images, idOrName, Image::id);
    }

    @Override
    public Optional<Flavor> findFlavor(String idOrName)
    {
        return find(flavors, idOrName, Flavor::id);
    }

    @Override
    public Optional<Keypair> findKeypair(String name)
    {
        return name == null ? Optional.empty() : Optional.ofNullable(keypairs.get(name));
    }

    @Override
    public Optional<Network> findNetwork(String idOrName)
    {
        return find(networks, idOrName, Network::id);
    }

    @Override
    public List<Image> images()
    {
        return sorted(images, Image::name);
    }

    @Override
    public List<Flavor> flavors()
    {
        return sorted(flavors, Flavor::name);
    }

    @Override
    public List<Keypair> keypairs()
    {
        return sorted(keypairs, Keypair::name);
    }

    @Override
    public List<Network> networks()
    {
        return sorted(networks, Network::name);
    }

    /**
     * LocalCloud's Heat, with its knobs: latency per resource type, injected faults, the length of a minute.
     *
     * @return the stack engine
     */
    public LocalHeat heat()
    {
        return heat;
    }

    @Override
    public Orchestration stacks()
    {
        return heat;
    }

    /**
     * The bays' local COE endpoints: a Kubernetes API, a TLS front on the local Docker engine, a Marathon
     * stand-in, each on 127.0.0.1, for the COEs whose hosts are on the class path.
     *
     * @return the hosting
     */
    @Override
    public Optional<CoeHosting> coeHosting()
    {
        return Optional.of(coeHosting);
    }

    /** Stops the Heat engine's threads and every bay's local COE endpoint. Idempotent. */
    @Override
    public void close()
    {
        heat.close();
        coeHosting.close();
    }

    private static <T> Optional<T> find(Map<String, T> byName, String idOrName, Function<T, String> id)
    {
        if (idOrName == null) {
            return Optional.empty();
        }
        T named = byName.get(idOrName);
        if (named != null) {
            return Optional.of(named);
        }
        return byName.values().stream().filter(value -> id.apply(value).equals(idOrName)).findFirst();
    }

    private static <T> List<T> sorted(Map<String, T> byName, Function<T, String> name)
    {
        List<T> values = new ArrayList<>(byName.values());
        values.sort(Comparator.comparing(name));
        return List.copyOf(values);
    }

    private static String idFor(String kind, String name)
    {
        requireNonNull(name, "name is null");
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
