package io.magnum.engine.mesos;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.LabelRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Apache Mesos with Marathon on Ubuntu virtual machines ({@code mesos_ubuntu_v1}), networked by docker.
 *
 * <pre>{@code
 * ServiceLoader.load(CoeDriver.class)   // finds this driver when engine-mesos is on the class path
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class MesosDriver implements CoeDriver
{
    /** The COE this driver serves. */
    public static final String COE = "mesos";

    @Override
    public String name()
    {
        return "mesos_ubuntu_v1";
    }

    @Override
    public Set<DriverKey> provides()
    {
        return Set.of(new DriverKey(COE, "vm", "ubuntu"));
    }

    @Override
    public Set<String> networkDrivers()
    {
        return Set.of("docker");
    }

    @Override
    public String defaultNetworkDriver()
    {
        return "docker";
    }

    /** Checks the labels the Mesos template reads: {@code rexray_preempt} is a boolean. */
    @Override
    public List<FieldViolation> validate(BayModelView model)
    {
        List<FieldViolation> violations = new ArrayList<>();
        LabelRules.bool(model.labels(), "rexray_preempt").ifPresent(violations::add);
        return List.copyOf(violations);
    }
}
