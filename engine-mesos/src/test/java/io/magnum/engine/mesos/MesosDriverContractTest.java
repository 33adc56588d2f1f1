package io.magnum.engine.mesos;

import io.magnum.local.tck.CoeDriverContract;
import io.magnum.local.tck.ContainerFixture;
import io.magnum.local.tck.ContainerVerb;
import io.magnum.local.tck.InvalidBayModel;
import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Mesos driver against the driver TCK, with a Marathon app as its container fixture. */
class MesosDriverContractTest extends CoeDriverContract
{
    @Override
    protected CoeDriver driver()
    {
        return new MesosDriver();
    }

    /** The seed's mesosbaymodel, on the ubuntu image. */
    @Override
    protected BayModelView validBayModel()
    {
        return model(Map.of());
    }

    @Override
    protected Optional<InvalidBayModel> invalidBayModel()
    {
        return Optional.of(new InvalidBayModel(model(Map.of("rexray_preempt", "sometimes")), Set.of("labels")));
    }

    /**
     * An app of one instance: Marathon starts what it creates; start and stop scale it to one and to none, reboot
     * restarts it; it has no pause, exec or logs. Its local stand-in runs without a Docker engine.
     */
    @Override
    protected Optional<ContainerFixture> containerFixture()
    {
        return Optional.of(ContainerFixture.of("local/busybox:latest", "sleep 3600", ContainerVerb.START,
                ContainerVerb.STOP, ContainerVerb.REBOOT, ContainerVerb.SCALE));
    }

    /** Magnum runs Marathon without TLS. */
    @Override
    protected boolean tlsSupported()
    {
        return false;
    }

    /** Mesos bays have masters (mesos_master) and slaves (the nodes). */
    @Override
    protected boolean hasMasters()
    {
        return true;
    }


    private static BayModelView model(Map<String, String> labels)
    {
        return new BayModelView("mesos", "vm", "ubuntu", "ubuntu-mesos", "docker", Optional.of(5), true, labels,
                "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
