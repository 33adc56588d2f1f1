package io.magnum.engine.swarm;

import io.magnum.local.tck.CoeDriverContract;
import io.magnum.local.tck.ContainerFixture;
import io.magnum.local.tck.ContainerVerb;
import io.magnum.local.tck.InvalidBayModel;
import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Swarm driver against the driver TCK, with containers of tools/docker-up.sh's local busybox image. */
class SwarmDriverContractTest extends CoeDriverContract
{
    @Override
    protected CoeDriver driver()
    {
        return new SwarmDriver();
    }

    /** The seed's swarmbaymodel. */
    @Override
    protected BayModelView validBayModel()
    {
        return model("docker", Map.of());
    }

    @Override
    protected Optional<InvalidBayModel> invalidBayModel()
    {
        return Optional.of(new InvalidBayModel(model("flannel", Map.of("flannel_network_subnetlen", "40")),
                Set.of("labels")));
    }

    /** The image docker-up.sh imports (no registry is reachable, so nothing is pulled). */
    @Override
    protected Optional<ContainerFixture> containerFixture()
    {
        return Optional.of(ContainerFixture.docker("local/busybox:latest", "sleep 3600", ContainerVerb.START,
                ContainerVerb.STOP, ContainerVerb.PAUSE, ContainerVerb.UNPAUSE, ContainerVerb.REBOOT,
                ContainerVerb.EXEC, ContainerVerb.LOGS));
    }


    private static BayModelView model(String networkDriver, Map<String, String> labels)
    {
        return new BayModelView("swarm", "vm", "fedora-atomic", "fedora-21-atomic-5", networkDriver, Optional.of(5),
                false, labels, "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
