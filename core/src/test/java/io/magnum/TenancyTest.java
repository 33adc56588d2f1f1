package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.ListOptions;
import io.magnum.model.PatchOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.magnum.Fixtures.ADMIN;
import static io.magnum.Fixtures.PROJECT_A;
import static io.magnum.Fixtures.PROJECT_B;
import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy: owner or admin; another project's private baymodel does not exist; public ones are read-only to others. */
class TenancyTest
{
    private Magnum magnum;
    private Magnum a;
    private Magnum b;
    private Magnum admin;
    private BayModel ofA;

    @BeforeEach
    void start()
    {
        magnum = Fixtures.builder().build();
        a = magnum.as(PROJECT_A);
        b = magnum.as(PROJECT_B);
        admin = magnum.as(ADMIN);
        ofA = a.bayModels().create(seedSpec().name("amodel").build());
    }

    @AfterEach
    void stop()
    {
        magnum.close();
    }

    @Test
    void anotherProjectCannotListShowUpdateOrDelete()
    {
        assertThat(b.bayModels().list()).isEmpty();
        assertThat(b.bayModels().list(ListOptions.builder().limit(10).build()).items()).isEmpty();
        assertThat(b.bayModels().find(ofA.uuid())).isEmpty();
        assertThatThrownBy(() -> b.bayModels().get(ofA.uuid())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> b.bayModels().get("amodel")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> b.bayModels().update("amodel", PatchOperation.replace("docker_volume_size", 9)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> b.bayModels().delete(ofA.uuid())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> b.bayModels().list(ListOptions.builder().marker(ofA.uuid()).build()))
                .as("another project's uuid is no marker").isInstanceOf(InvalidInputException.class);
        assertThat(a.bayModels().get(ofA.uuid())).isEqualTo(ofA);
    }

    @Test
    void theOwnerProjectSharesWithinItself()
    {
        Magnum colleague = magnum.as(RequestContext.of("project-a", "carol"));
        assertThat(colleague.bayModels().get("amodel")).isEqualTo(ofA);
        assertThat(colleague.bayModels().update("amodel", PatchOperation.replace("docker_volume_size", 7)).dockerVolumeSize())
                .isEqualTo(7);
    }

    @Test
    void anAdminSeesAndChangesEverything()
    {
        BayModel ofB = b.bayModels().create(seedSpec().name("bmodel").build());
        assertThat(admin.bayModels().list()).extracting(BayModel::uuid).containsExactly(ofA.uuid(), ofB.uuid());
        assertThat(admin.bayModels().get(ofA.uuid())).isEqualTo(ofA);
        assertThat(admin.bayModels().update(ofA.uuid(), PatchOperation.replace("docker_volume_size", 8)).dockerVolumeSize())
                .isEqualTo(8);
        assertThat(admin.bayModels().get(ofA.uuid()).projectId()).as("ownership is kept").isEqualTo("project-a");
        admin.bayModels().delete(ofB.uuid());
        assertThat(b.bayModels().list()).isEmpty();
    }

    @Test
    void aPublicBayModelIsVisibleToAllButChangeableByItsOwnerOnly()
    {
        BayModel shared = admin.bayModels().create(seedSpec().name("shared").isPublic(true).build());
        assertThat(a.bayModels().get("shared")).isEqualTo(shared);
        assertThat(b.bayModels().list()).extracting(BayModel::name).containsExactly("shared");
        assertThatThrownBy(() -> b.bayModels().update("shared", PatchOperation.replace("docker_volume_size", 9)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Not allowed to update baymodel shared: it belongs to another project");
        assertThatThrownBy(() -> b.bayModels().delete(shared.uuid()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(admin.bayModels().update("shared", PatchOperation.replace("docker_volume_size", 9)).dockerVolumeSize())
                .isEqualTo(9);
    }

    @Test
    void onlyAnAdminChangesWhetherABayModelIsPublic()
    {
        assertThatThrownBy(() -> a.bayModels().update("amodel", PatchOperation.replace("public", "true")))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Only an admin may change whether a baymodel is public");
        assertThat(admin.bayModels().update(ofA.uuid(), PatchOperation.replace("public", true)).isPublic()).isTrue();
        assertThat(b.bayModels().get(ofA.uuid()).isPublic()).isTrue();
    }

    @Test
    void servicesAreForAdminsOnly()
    {
        assertThatThrownBy(() -> a.magnumServices().list()).isInstanceOf(ForbiddenException.class)
                .hasMessage("Only an admin may list Magnum services")
                .satisfies(e -> assertThat(((MagnumException) e).code().httpStatus()).isEqualTo(403));
        assertThat(admin.magnumServices().list()).hasSize(1);
    }

    @Test
    void viewsShareTheInstanceAndOwnNothing()
    {
        a.close();
        assertThat(b.bayModels().list()).isEmpty();
        assertThat(a.context()).isEqualTo(PROJECT_A);
        assertThat(magnum.context()).isEqualTo(RequestContext.DEFAULT);
    }
}
