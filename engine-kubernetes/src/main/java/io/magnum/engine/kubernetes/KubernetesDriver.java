package io.magnum.engine.kubernetes;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.LabelRules;

import java.util.List;
import java.util.Set;

/**
 * Kubernetes on Fedora Atomic virtual machines ({@code k8s_fedora_atomic_v1}), networked with flannel.
 *
 * <pre>{@code
 * ServiceLoader.load(CoeDriver.class)   // finds this driver when engine-kubernetes is on the class path
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class KubernetesDriver implements CoeDriver
{
    /** The COE this driver serves. */
    public static final String COE = "kubernetes";

    @Override
    public String name()
    {
        return "k8s_fedora_atomic_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "fedora-atomic"));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("flannel");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "flannel";
    }

    /** Checks the flannel labels the Kubernetes template reads. */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        return LabelRules.flannel(model.labels());
    }
}
