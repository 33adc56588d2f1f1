package io.magnum.examples;

import io.magnum.InvalidInputException;
import io.magnum.Magnum;
import io.magnum.RequestContext;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.PatchOperation;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The quick start of the repository's README.md, kept compiling and true. Change both together. */
final class ReadmeQuickStartTest
{
    @Test
    void quickStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException
    {
        java.nio.file.Path redisMaster = dir.resolve("redis-master.yaml");
        try (var in = BayModelWalkthrough.class.getResourceAsStream("redis/redis-master.yaml")) {
            java.nio.file.Files.copy(in, redisMaster);
        }
        String redisController = BayModelWalkthrough.twoReplicas(new String(
                BayModelWalkthrough.class.getResourceAsStream("redis/redis-controller.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        try (Magnum magnum = Magnum.builder()
                .cloud(LocalCloud.create())          // the embedded cloud; state in an in-memory H2 database
                .build()) {
            BayModel model = magnum.bayModels().create(BayModelSpec.builder()
                    .name("k8sbaymodel").coe("kubernetes").imageId("fedora-21-atomic-5")
                    .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8")
                    .flavorId("m1.small").dockerVolumeSize(5).networkDriver("flannel")
                    .build());
            assertThat(model.clusterDistro()).isEqualTo("fedora-atomic");

            BayModel bigger = magnum.bayModels().update("k8sbaymodel",
                    PatchOperation.parse("replace", "docker_volume_size=10"));
            assertThat(bigger.dockerVolumeSize()).isEqualTo(10);

            Magnum alice = magnum.as(RequestContext.of("project-a", "alice"));
            alice.bayModels().create(model.toSpec().newBuilder().name("alices").build());
            assertThat(alice.bayModels().list()).extracting(BayModel::name).containsExactly("alices");
            assertThat(magnum.bayModels().list()).extracting(BayModel::name).containsExactly("k8sbaymodel", "alices");

            Page<BayModel> page = magnum.bayModels().list(ListOptions.builder().limit(1).sortKey("name").build());
            assertThat(page.items()).extracting(BayModel::name).containsExactly("alices");
            assertThat(page.nextMarker()).isPresent();

            assertThatThrownBy(() -> magnum.bayModels().create(model.toSpec().newBuilder()
                    .name("calico").networkDriver("calico").build()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                            .singleElement()
                            .satisfies(v -> assertThat(v.field()).isEqualTo("network_driver")));

            Bay bay = magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1)).await(Duration.ofMinutes(15));
            assertThat(bay.status()).isEqualTo(BayStatus.CREATE_COMPLETE);
            assertThat(bay.apiAddress()).startsWith("https://127.0.0.1:");
            Bay scaled = magnum.bays().update("k8sbay", PatchOperation.parse("replace", "node_count=2"))
                    .await(Duration.ofMinutes(15));
            assertThat(scaled.nodeAddresses()).hasSize(2);
            io.magnum.model.Pod pod = magnum.pods().create("k8sbay", redisMaster);
            assertThat(pod.status()).contains("Running");
            magnum.replicationControllers().create("k8sbay", redisController.replace("replicas: 2", "replicas: 1"));
            assertThat(magnum.replicationControllers().scale("k8sbay", "redis", 2).replicas()).isEqualTo(2);
            assertThat(magnum.certificates().ca("k8sbay").pem()).startsWith("-----BEGIN CERTIFICATE-----");
            magnum.bays().delete("k8sbay").await(Duration.ofMinutes(15));
            assertThat(magnum.bays().list()).isEmpty();
        }
    }
}
