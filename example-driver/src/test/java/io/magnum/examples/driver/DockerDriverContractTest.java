package io.magnum.examples.driver;

import io.magnum.local.tck.CoeDriverContract;
import io.magnum.local.tck.ContainerFixture;
import io.magnum.local.tck.ContainerVerb;
import io.magnum.local.tck.InvalidBayModel;
import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;

import java.util.Optional;
import java.util.Set;

/** The example docker driver against the driver TCK: everything a driver module needs to prove itself. */
class DockerDriverContractTest extends CoeDriverContract
{
    @Override
    protected CoeDriver driver()
    {
        return new DockerDriver();
    }

    @Override
    protected BayModelView validBayModel()
    {
        return model("docker", Optional.of(5));
    }

    /** A volume too small for docker's storage, and another COE's network driver. */
    @Override
    protected Optional<InvalidBayModel> invalidBayModel()
    {
        return Optional.of(new InvalidBayModel(model("flannel", Optional.of(2)),
                Set.of("docker_volume_size", "network_driver")));
    }

    /** tools/docker-up.sh's local busybox image, on this machine's Docker engine. */
    @Override
    protected Optional<ContainerFixture> containerFixture()
    {
        return Optional.of(ContainerFixture.docker("local/busybox:latest", "sleep 3600", ContainerVerb.START,
                ContainerVerb.STOP, ContainerVerb.PAUSE, ContainerVerb.UNPAUSE, ContainerVerb.REBOOT,
                ContainerVerb.EXEC, ContainerVerb.LOGS));
    }

    /** Docker hosts are nodes; there is no master. */
    @Override
    protected boolean hasMasters()
    {
        return false;
    }


    private static BayModelView model(String networkDriver, Optional<Integer> volume)
    {
        return new BayModelView("docker", "vm", "fedora-atomic", "fedora-21-atomic-5", networkDriver, volume, false,
                java.util.Map.of(), "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
