package io.magnum.local.tck;

import io.magnum.spi.BayModelView;
import io.magnum.spi.BayView;
import io.magnum.spi.StackContext;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The views and contexts the TCK hands a driver, and variants of a baymodel. */
final class Views
{
    private Views()
    {
    }

    /** A new bay with one master. */
    static BayView bay(int nodeCount)
    {
        String uuid = UUID.randomUUID().toString();
        return new BayView(uuid, "tck-" + uuid.substring(0, 8), nodeCount, 1,
                "https://discovery.etcd.io/" + uuid.replace("-", ""), "tck");
    }

    static StackContext context()
    {
        return new StackContext("http://127.0.0.1:9511/v1", "http://127.0.0.1:5000/v3", "token", "admin", "tck");
    }

    static BayModelView tlsDisabled(BayModelView model, boolean disabled)
    {
        return new BayModelView(model.coe(), model.serverType(), model.clusterDistro(), model.imageId(),
                model.networkDriver(), model.dockerVolumeSize(), disabled, model.labels(), model.keypairId(),
                model.externalNetworkId(), model.flavorId(), model.masterFlavorId(), model.dnsNameserver(),
                model.fixedNetwork(), model.apiserverPort(), model.httpProxy(), model.httpsProxy(), model.noProxy(),
                model.registryEnabled());
    }

    static BayModelView otherTls(BayModelView model)
    {
        return tlsDisabled(model, !model.tlsDisabled());
    }

    static BayModelView withoutVolume(BayModelView model)
    {
        return new BayModelView(model.coe(), model.serverType(), model.clusterDistro(), model.imageId(),
                model.networkDriver(), Optional.empty(), model.tlsDisabled(), model.labels(), model.keypairId(),
                model.externalNetworkId(), model.flavorId(), model.masterFlavorId(), model.dnsNameserver(),
                model.fixedNetwork(), model.apiserverPort(), model.httpProxy(), model.httpsProxy(), model.noProxy(),
                model.registryEnabled());
    }

    static Set<String> minus(Set<String> these, Set<String> those)
    {
        Set<String> rest = new TreeSet<>(these);
        rest.removeAll(those);
        return rest;
    }
}
