package io.magnum;

import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayEvent;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.model.PatchOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bays on LocalCloud, through the real drivers and templates: create, scale up, scale down, delete. */
class BayLifecycleTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    private LocalCloud cloud;
    private Magnum magnum;
    private final List<BayEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start()
    {
        cloud = LocalCloud.create();
        magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1))
                .syncInterval(Duration.ofMillis(20)).build();
        magnum.bays().addListener(events::add);
        magnum.bayModels().create(seedSpec().build());
        magnum.bayModels().create(seedSpec().name("swarmbaymodel").coe("swarm").networkDriver("docker").build());
        magnum.bayModels().create(seedSpec().name("mesosbaymodel").coe("mesos").imageId("ubuntu-mesos")
                .networkDriver("docker").build());
    }

    @AfterEach
    void stop()
    {
        magnum.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"k8sbaymodel, kubernetes", "swarmbaymodel, swarm", "mesosbaymodel, mesos"})
    void createScaleUpScaleDownDelete(String model, String coe)
    {
        BayOperation create = magnum.bays().create(BaySpec.of("bay1", model, 1));
        assertThat(create.accepted().status()).isEqualTo(BayStatus.CREATE_IN_PROGRESS);
        Bay bay = create.await(WAIT);
        assertThat(bay.status()).isEqualTo(BayStatus.CREATE_COMPLETE);
        assertThat(bay.statusReason()).isEqualTo("Stack CREATE completed successfully");
        assertThat(bay.stackId()).isNotNull();
        assertThat(bay.apiAddress()).isNotBlank();
        assertThat(bay.nodeAddresses()).hasSize(1);
        assertThat(bay.masterAddresses()).hasSize(1);
        assertThat(magnum.bays().get("bay1")).isEqualTo(bay);

        Bay up = magnum.bays().update("bay1", PatchOperation.parse("replace", "node_count=3")).await(WAIT);
        assertThat(up.status()).isEqualTo(BayStatus.UPDATE_COMPLETE);
        assertThat(up.nodeCount()).isEqualTo(3);
        assertThat(up.nodeAddresses()).hasSize(3).startsWith(bay.nodeAddresses().get(0));

        Bay down = magnum.bays().update("bay1", PatchOperation.parse("replace", "node_count=2")).await(WAIT);
        assertThat(down.nodeAddresses()).hasSize(2);
        assertThat(cloud.stacks().list()).hasSize(1);

        Bay gone = magnum.bays().delete("bay1").await(WAIT);
        assertThat(gone.uuid()).isEqualTo(bay.uuid());
        assertThat(magnum.bays().find("bay1")).isEmpty();
        assertThat(cloud.stacks().list()).isEmpty();
        assertThat(events).extracting(e -> e.deleted() ? "gone" : e.bay().status().name()).containsSubsequence(
                "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", "UPDATE_IN_PROGRESS",
                "UPDATE_COMPLETE", "DELETE_IN_PROGRESS", "gone");
    }

    @Test
    void theKubernetesApiAddressIsAnHttpsUrl()
    {
        Bay bay = magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1)).await(WAIT);
        // LocalCloud serves each Kubernetes bay's API itself, on this machine, over the bay's TLS
        assertThat(bay.apiAddress()).matches("https://127\\.0\\.0\\.1:\\d+");
        assertThat(bay.attributes()).containsKeys("status", "uuid", "status_reason", "created_at", "updated_at",
                "bay_create_timeout", "api_address", "baymodel_id", "node_count", "node_addresses", "master_count",
                "discovery_url", "name");
    }

    @Test
    void aFailingResourceFailsTheBayWithHeatsReason()
    {
        cloud.heat().failResource("kube-minion", "Went to status ERROR due to \"Message: No valid host was found.\"");
        BayOperation op = magnum.bays().create(BaySpec.of("broken", "k8sbaymodel", 1));
        assertThatThrownBy(() -> op.await(WAIT)).isInstanceOf(BayFailedException.class)
                .satisfies(e -> {
                    Bay bay = ((BayFailedException) e).bay();
                    assertThat(bay.status()).isEqualTo(BayStatus.CREATE_FAILED);
                    assertThat(bay.statusReason()).startsWith("Resource CREATE failed: ResourceInError: resources.kube_minions")
                            .endsWith("No valid host was found.\"");
                });
        assertThatThrownBy(() -> magnum.bays().update("broken", PatchOperation.replace("node_count", 2)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("a failed bay can only be deleted");
        magnum.bays().delete("broken").await(WAIT);
        assertThat(cloud.stacks().list()).isEmpty();
    }

    @Test
    void aTimeoutFailsTheBayNamingIt()
    {
        cloud.heat().minute(Duration.ofMillis(200)).hangResource("master_wait_condition");
        BayOperation op = magnum.bays().create(new BaySpec("slow", "k8sbaymodel", 1, 1, null, 1));
        assertThatThrownBy(() -> op.await(WAIT)).isInstanceOf(BayFailedException.class)
                .satisfies(e -> assertThat(((BayFailedException) e).bay().statusReason()).isEqualTo("Timed out"));
    }

    @Test
    void anUpdateDuringCreateIsAConflictAndADeleteOfANeverCompletedBayWorks()
    {
        cloud.heat().hangResource("master_wait_condition");
        BayOperation op = magnum.bays().create(BaySpec.of("stuck", "k8sbaymodel", 1));
        assertThatThrownBy(() -> magnum.bays().update("stuck", PatchOperation.replace("node_count", 2)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Bay stuck already has an operation in progress (CREATE_IN_PROGRESS)");
        magnum.bays().delete("stuck").await(WAIT);
        assertThat(magnum.bays().find("stuck")).isEmpty();
        assertThat(cloud.stacks().list()).isEmpty();
        assertThat(op.await(WAIT).status()).as("the create's wait ends with the delete").isEqualTo(BayStatus.DELETE_COMPLETE);
    }

    @Test
    void validationNamesTheField()
    {
        assertThatThrownBy(() -> magnum.bays().create(new BaySpec("b", "nope", 0, 0, null, -1)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("baymodel_id", "node_count", "master_count", "bay_create_timeout"));
        magnum.bays().create(BaySpec.of("dup", "k8sbaymodel", 1));
        assertThatThrownBy(() -> magnum.bays().create(BaySpec.of("dup", "k8sbaymodel", 1)))
                .isInstanceOf(ConflictException.class).hasMessage("A bay named dup already exists in project default");
        assertThatThrownBy(() -> magnum.bays().update("dup", PatchOperation.replace("master_count", 3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only node_count can be updated");
        assertThatThrownBy(() -> magnum.bayModels().delete("k8sbaymodel")).isInstanceOf(ConflictException.class);
    }
}
