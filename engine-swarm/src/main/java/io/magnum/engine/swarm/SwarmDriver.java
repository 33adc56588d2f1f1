package io.magnum.engine.swarm;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.LabelRules;

import java.util.List;
import java.util.Set;

/**
 * Docker Swarm on Fedora Atomic virtual machines ({@code swarm_fedora_atomic_v1}), networked by docker (the
 * default) or flannel.
 *
 * <pre>{@code
 * ServiceLoader.load(CoeDriver.class)   // finds this driver when engine-swarm is on the class path
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SwarmDriver implements CoeDriver
{
    /** The COE this driver serves. */
    public static final String COE = "swarm";

    @Override
    public String name()
    {
        return "swarm_fedora_atomic_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "fedora-atomic"));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("docker", "flannel");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "docker";
    }

    /** Checks the flannel labels, which the Swarm template reads when the network driver is flannel. */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        return LabelRules.flannel(model.labels());
    }
}
