package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.PatchOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Create, show, update (Magnum's patch form) and delete. */
class BayModelLifecycleTest
{
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2015-09-22T20:02:39Z"));
    private Magnum magnum;

    @BeforeEach
    void start()
    {
        magnum = Fixtures.builder().clock(clock).build();
    }

    @AfterEach
    void stop()
    {
        magnum.close();
    }

    @Test
    void showsByUuidAndByName()
    {
        BayModel model = magnum.bayModels().create(seedSpec().build());
        assertThat(model.createdAt()).isEqualTo(Instant.parse("2015-09-22T20:02:39Z"));
        assertThat(magnum.bayModels().get(model.uuid())).isEqualTo(model);
        assertThat(magnum.bayModels().get("k8sbaymodel")).isEqualTo(model);
        assertThat(magnum.bayModels().find("nothing")).isEmpty();
        assertThatThrownBy(() -> magnum.bayModels().get("nothing")).isInstanceOf(NotFoundException.class)
                .hasMessage("Baymodel nothing could not be found");
        assertThatThrownBy(() -> magnum.bayModels().get(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> magnum.bayModels().get(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void attributesHoldEverySeedEraField()
    {
        BayModel model = magnum.bayModels().create(seedSpec().build());
        assertThat(model.attributes()).containsOnlyKeys("uuid", "name", "project_id", "user_id", "coe", "image_id",
                "flavor_id", "master_flavor_id", "keypair_id", "external_network_id", "fixed_network",
                "dns_nameserver", "docker_volume_size", "network_driver", "apiserver_port", "http_proxy",
                "https_proxy", "no_proxy", "labels", "tls_disabled", "public", "registry_enabled", "server_type",
                "cluster_distro", "created_at", "updated_at");
        assertThat(model.attributes()).containsEntry("docker_volume_size", 5).containsEntry("coe", "kubernetes")
                .containsEntry("master_flavor_id", null);
    }

    @Test
    void updatesWithTheCliPatchForm()
    {
        magnum.bayModels().create(seedSpec().build());
        clock.advance(Duration.ofMinutes(5));
        BayModel updated = magnum.bayModels().update("k8sbaymodel", PatchOperation.parse("replace", "docker_volume_size=10"));
        assertThat(updated.dockerVolumeSize()).isEqualTo(10);
        assertThat(updated.updatedAt()).isEqualTo(Instant.parse("2015-09-22T20:07:39Z"));
        assertThat(magnum.bayModels().get("k8sbaymodel")).isEqualTo(updated);
    }

    @Test
    void patchesAddReplaceAndRemove()
    {
        magnum.bayModels().create(seedSpec().build());
        BayModel updated = magnum.bayModels().update("k8sbaymodel", List.of(
                PatchOperation.add("/master_flavor_id", "m1.medium"),
                PatchOperation.replace("tls_disabled", "true"),
                PatchOperation.add("labels", "flannel_use_vxlan=true,kube_tag=v1.0"),
                PatchOperation.remove("labels/kube_tag"),
                PatchOperation.add("labels/flannel_network_cidr", "10.100.0.0/16"),
                PatchOperation.remove("dns_nameserver"),
                PatchOperation.remove("flavor_id"),
                PatchOperation.replace("name", "renamed")));
        assertThat(updated.masterFlavorId()).isEqualTo("m1.medium");
        assertThat(updated.tlsDisabled()).isTrue();
        assertThat(updated.labels()).isEqualTo(Map.of("flannel_use_vxlan", "true", "flannel_network_cidr", "10.100.0.0/16"));
        assertThat(updated.dnsNameserver()).as("remove restores the default").isEqualTo("8.8.8.8");
        assertThat(updated.flavorId()).isNull();
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(magnum.bayModels().find("k8sbaymodel")).isEmpty();
    }

    @Test
    void refusesBadPatches()
    {
        BayModel model = magnum.bayModels().create(seedSpec().build());
        assertPatchRefused(PatchOperation.replace("flavour", "m1.small"), "flavour", "unknown field 'flavour' in patch");
        assertPatchRefused(PatchOperation.replace("uuid", "x"), "uuid", "uuid is read-only and cannot be patched");
        assertPatchRefused(PatchOperation.replace("cluster_distro", "x"), "cluster_distro", "cluster_distro is read-only");
        assertPatchRefused(PatchOperation.replace("project_id", "x"), "project_id", "project_id is read-only");
        assertPatchRefused(PatchOperation.replace("created_at", "x"), "created_at", "created_at is read-only");
        assertPatchRefused(new PatchOperation("move", "name", "x"), "op", "patch operation 'move' is not supported");
        assertPatchRefused(new PatchOperation("replace", "", "x"), "path", "a patch operation needs a path");
        assertPatchRefused(PatchOperation.replace("name", null), "name", "replace of name needs a value");
        assertPatchRefused(PatchOperation.replace("docker_volume_size", "ten"), "docker_volume_size",
                "docker_volume_size must be an integer, not 'ten'");
        assertPatchRefused(PatchOperation.replace("tls_disabled", "yes"), "tls_disabled", "tls_disabled must be true or false");
        assertPatchRefused(PatchOperation.remove("image_id"), "image_id", "image_id is required");
        assertPatchRefused(PatchOperation.remove("labels/none"), "labels", "label none is not set");
        assertPatchRefused(PatchOperation.replace("network_driver", "docker"), "network_driver", "not supported by coe kubernetes");
        assertThatThrownBy(() -> magnum.bayModels().update("k8sbaymodel", List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessage("a patch needs at least one operation");
        assertThatThrownBy(() -> magnum.bayModels().update("k8sbaymodel", (List<PatchOperation>) null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> magnum.bayModels().update("k8sbaymodel", (PatchOperation) null))
                .isInstanceOf(InvalidInputException.class).hasMessage("a patch operation is missing (null)");
        assertThatThrownBy(() -> PatchOperation.parse("replace", "docker_volume_size"))
                .isInstanceOf(InvalidInputException.class).hasMessage("'docker_volume_size' is not of the form path=value");
        assertThat(magnum.bayModels().get("k8sbaymodel")).as("nothing changed").isEqualTo(model);
    }

    @Test
    void allOperationsApplyOrNone()
    {
        BayModel model = magnum.bayModels().create(seedSpec().build());
        assertThatThrownBy(() -> magnum.bayModels().update("k8sbaymodel", List.of(
                PatchOperation.replace("docker_volume_size", "10"), PatchOperation.replace("apiserver_port", "22"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(magnum.bayModels().get("k8sbaymodel")).isEqualTo(model);
    }

    @Test
    void renamingOntoATakenNameIsAConflict()
    {
        magnum.bayModels().create(seedSpec().build());
        magnum.bayModels().create(seedSpec().name("other").build());
        assertThatThrownBy(() -> magnum.bayModels().update("other", PatchOperation.replace("name", "k8sbaymodel")))
                .isInstanceOf(ConflictException.class)
                .hasMessage("A baymodel named k8sbaymodel already exists in project default");
    }

    @Test
    void aBayModelInUseCannotBeDeletedNorRebuilt()
    {
        BayModel model = magnum.bayModels().create(seedSpec().build());
        Fixtures.insertBay(magnum, model.uuid(), model.projectId());
        assertThatThrownBy(() -> magnum.bayModels().delete("k8sbaymodel"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Baymodel k8sbaymodel is used by 1 bay(s) and cannot be deleted");
        assertThatThrownBy(() -> magnum.bayModels().update("k8sbaymodel", PatchOperation.replace("docker_volume_size", 10)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Baymodel k8sbaymodel is used by 1 bay(s); only name and public may change while it is in use");
        assertThat(magnum.bayModels().update("k8sbaymodel", PatchOperation.replace("name", "stillused")).name())
                .isEqualTo("stillused");
        assertThat(magnum.bayModels().get(model.uuid()).dockerVolumeSize()).isEqualTo(5);
    }

    @Test
    void deletes()
    {
        BayModel model = magnum.bayModels().create(seedSpec().build());
        magnum.bayModels().delete(model.uuid());
        assertThat(magnum.bayModels().list()).isEmpty();
        assertThatThrownBy(() -> magnum.bayModels().delete("k8sbaymodel")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anAmbiguousNameIsAConflictForTheAdmin()
    {
        magnum.as(Fixtures.PROJECT_A).bayModels().create(seedSpec().build());
        magnum.as(Fixtures.PROJECT_B).bayModels().create(seedSpec().build());
        assertThatThrownBy(() -> magnum.as(Fixtures.ADMIN).bayModels().get("k8sbaymodel"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Multiple baymodels exist with name k8sbaymodel. Please use the baymodel uuid instead.");
        assertThat(magnum.as(Fixtures.PROJECT_A).bayModels().get("k8sbaymodel").projectId()).isEqualTo("project-a");
    }

    private void assertPatchRefused(PatchOperation operation, String field, String message)
    {
        assertThatThrownBy(() -> magnum.bayModels().update("k8sbaymodel", operation))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.message()).contains(message);
                }));
    }
}
