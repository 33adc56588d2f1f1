package io.magnum.engine.kubernetes;

import io.magnum.local.tck.CoeDriverContract;
import io.magnum.local.tck.InvalidBayModel;
import io.magnum.local.tck.ManifestFixture;
import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.coe.ObjectKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Kubernetes driver against the driver TCK, with the seed's redis objects as fixtures. */
class KubernetesDriverContractTest extends CoeDriverContract
{
    @Override
    protected CoeDriver driver()
    {
        return new KubernetesDriver();
    }

    /** The seed's k8sbaymodel. */
    @Override
    protected BayModelView validBayModel()
    {
        return model(Map.of());
    }

    @Override
    protected Optional<InvalidBayModel> invalidBayModel()
    {
        return Optional.of(new InvalidBayModel(model(Map.of("flannel_use_vxlan", "maybe",
                "flannel_network_cidr", "10.100.0.0")), Set.of("labels")));
    }

    /** The seed's redis walkthrough objects (../shared/examples/kubernetes-redis). */
    @Override
    protected List<ManifestFixture> manifestFixtures()
    {
        return List.of(ManifestFixture.of(ObjectKind.POD, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          labels:
                            name: redis
                            redis-sentinel: "true"
                            role: master
                          name: redis-master
                        spec:
                          containers:
                            - name: master
                              image: kubernetes/redis:v2
                              env:
                                - name: MASTER
                                  value: "true"
                              ports:
                                - containerPort: 6379
                              resources:
                                limits:
                                  cpu: "0.1"
                              volumeMounts:
                                - mountPath: /redis-master-data
                                  name: data
                            - name: sentinel
                              image: kubernetes/redis:v2
                              env:
                                - name: SENTINEL
                                  value: "true"
                              ports:
                                - containerPort: 26379
                          volumes:
                            - name: data
                              emptyDir: {}
                        """),
                ManifestFixture.of(ObjectKind.SERVICE, """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          labels:
                            name: sentinel
                            role: service
                          name: redis-sentinel
                        spec:
                          ports:
                            - port: 26379
                              targetPort: 26379
                          selector:
                            redis-sentinel: "true"
                        """),
                ManifestFixture.of(ObjectKind.REPLICATION_CONTROLLER, """
                        apiVersion: v1
                        kind: ReplicationController
                        metadata:
                          name: redis
                        spec:
                          replicas: 1
                          selector:
                            name: redis
                          template:
                            metadata:
                              labels:
                                name: redis
                            spec:
                              containers:
                              - name: redis
                                image: kubernetes/redis:v2
                                ports:
                                - containerPort: 6379
                        """));
    }


    private static BayModelView model(Map<String, String> labels)
    {
        return new BayModelView("kubernetes", "vm", "fedora-atomic", "fedora-21-atomic-5", "flannel", Optional.of(5),
                false, labels, "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
