package io.magnum.local.tck;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.coe.ObjectKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The TCK passes a faithful driver that has every kind of object, on a local endpoint with real TLS: every test
 * runs, none is skipped.
 */
class EchoDriverContractTest extends CoeDriverContract
{
    @Override
    protected CoeDriver driver()
    {
        return new EchoDriver();
    }

    @Override
    protected BayModelView validBayModel()
    {
        return model(Map.of(), Optional.of(5));
    }

    @Override
    protected Optional<InvalidBayModel> invalidBayModel()
    {
        return Optional.of(new InvalidBayModel(model(Map.of("echo_size", "11"), Optional.of(200)),
                Set.of("labels", "docker_volume_size")));
    }

    @Override
    protected List<ManifestFixture> manifestFixtures()
    {
        return List.of(ManifestFixture.of(ObjectKind.POD, """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: redis-master, labels: {name: redis, role: master}}
                        spec:
                          containers:
                            - {name: master, image: "kubernetes/redis:v2"}
                            - {name: sentinel, image: "kubernetes/redis:v2"}
                        """),
                ManifestFixture.of(ObjectKind.SERVICE, """
                        {"apiVersion": "v1", "kind": "Service",
                         "metadata": {"name": "redis-sentinel", "labels": {"name": "sentinel"}},
                         "spec": {"ports": [{"port": 26379, "targetPort": 26379}],
                                  "selector": {"redis-sentinel": "true"}}}
                        """),
                ManifestFixture.of(ObjectKind.REPLICATION_CONTROLLER, """
                        apiVersion: v1
                        kind: ReplicationController
                        metadata: {name: redis}
                        spec:
                          replicas: 2
                          selector: {name: redis}
                          template:
                            metadata: {labels: {name: redis}}
                            spec: {containers: [{name: redis, image: "kubernetes/redis:v2"}]}
                        """));
    }

    @Override
    protected Optional<ContainerFixture> containerFixture()
    {
        return Optional.of(ContainerFixture.of("local/busybox:latest", "sleep 3600", ContainerVerb.START,
                ContainerVerb.STOP, ContainerVerb.PAUSE, ContainerVerb.UNPAUSE, ContainerVerb.EXEC,
                ContainerVerb.LOGS));
    }

    @Override
    protected boolean hasMasters()
    {
        return false;
    }

    static BayModelView model(Map<String, String> labels, Optional<Integer> volume)
    {
        return new BayModelView("tck-echo", "vm", "fedora-atomic", "fedora-21-atomic-5", "docker", volume, false,
                labels, "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
