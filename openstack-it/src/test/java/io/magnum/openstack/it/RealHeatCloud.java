package io.magnum.openstack.it;

import io.magnum.local.LocalCloud;
import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.Flavor;
import io.magnum.spi.cloud.Image;
import io.magnum.spi.cloud.Keypair;
import io.magnum.spi.cloud.Network;
import io.magnum.spi.cloud.Orchestration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Heat, with a stand-in inventory: this machine has Keystone and Heat but no Glance, Nova or Neutron, so the
 * images, flavors, keypairs and networks a baymodel names (and magnum4j checks) come from a LocalCloud's inventory,
 * while every stack is made, read, changed and deleted by the real Heat through {@link OpenStackCloud}.
 */
final class RealHeatCloud implements Cloud
{
    private final OpenStackCloud openstack;
    private final LocalCloud inventory;

    RealHeatCloud(OpenStackCloud openstack)
    {
        this.openstack = openstack;
        this.inventory = withProbeImage(LocalCloud.create());
    }

    /**
     * @param cloud a LocalCloud
     * @return it, with the probe COE's image ({@code probe-image}, os_distro {@code probe-os})
     */
    static LocalCloud withProbeImage(LocalCloud cloud)
    {
        cloud.addImage("probe-image", Map.of(Image.OS_DISTRO, ProbeDriver.DISTRO));
        return cloud;
    }

    @Override
    public String describe()
    {
        return "real Heat (" + openstack.describe() + ") with LocalCloud's inventory";
    }

    @Override
    public String authUrl()
    {
        return openstack.authUrl();
    }

    @Override
    public Orchestration stacks()
    {
        return openstack.stacks();
    }

    @Override
    public Optional<Image> findImage(String idOrName)
    {
        return inventory.findImage(idOrName);
    }

    @Override
    public Optional<Flavor> findFlavor(String idOrName)
    {
        return inventory.findFlavor(idOrName);
    }

    @Override
    public Optional<Keypair> findKeypair(String name)
    {
        return inventory.findKeypair(name);
    }

    @Override
    public Optional<Network> findNetwork(String idOrName)
    {
        return inventory.findNetwork(idOrName);
    }

    @Override
    public List<Image> images()
    {
        return inventory.images();
    }

    @Override
    public List<Flavor> flavors()
    {
        return inventory.flavors();
    }

    @Override
    public List<Keypair> keypairs()
    {
        return inventory.keypairs();
    }

    @Override
    public List<Network> networks()
    {
        return inventory.networks();
    }

    @Override
    public void close()
    {
        openstack.close();
        inventory.close();
    }
}
