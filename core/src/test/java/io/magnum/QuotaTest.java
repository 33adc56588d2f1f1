package io.magnum;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.magnum.model.BaySpec;
import io.magnum.model.Quota;

import static io.magnum.Fixtures.ADMIN;
import static io.magnum.Fixtures.PROJECT_A;
import static io.magnum.Fixtures.PROJECT_B;
import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Per-project bay limits (the default, a project's own quota, who may set them, the check at bay create), and stats. */
class QuotaTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Magnum magnum;

    @AfterEach
    void stop()
    {
        if (magnum != null) {
            magnum.close();
        }
    }

    @Test
    void aProjectHoldsAtMostItsLimitOfBaysWhateverTheirStatus()
    {
        magnum = Fixtures.builder().maxBaysPerProject(2).build();
        Magnum a = magnum.as(PROJECT_A);
        Magnum b = magnum.as(PROJECT_B);
        a.bayModels().create(seedSpec().isPublic(false).build());
        b.bayModels().create(seedSpec().isPublic(false).build());
        a.bays().create(BaySpec.of("one", "k8sbaymodel", 1)).await(WAIT);
        a.bays().create(BaySpec.of("two", "k8sbaymodel", 1)); // still in progress: it counts

        QuotaExceededException refused = catchThrowableOfType(QuotaExceededException.class,
                () -> a.bays().create(BaySpec.of("three", "k8sbaymodel", 1)));
        assertThat(refused.limit()).isEqualTo(2);
        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).isEqualTo("You have reached the maximum bays per project, 2. You may delete a"
                + " bay to make room for a new one.");
        assertThat(a.bays().find("three")).as("nothing stored").isEmpty();
        assertThat(a.bays().list()).hasSize(2);
        // another project has its own count
        b.bays().create(BaySpec.of("three", "k8sbaymodel", 1)).await(WAIT);

        // an admin raises project-a's limit; lowering it keeps the bays but refuses new ones
        Magnum admin = magnum.as(ADMIN);
        Quota quota = admin.quotas().create("project-a", Quota.CLUSTER, 3);
        assertThat(quota.hardLimit()).isEqualTo(3);
        assertThat(quota.isDefault()).isFalse();
        a.bays().create(BaySpec.of("three", "k8sbaymodel", 1)).await(WAIT);
        admin.quotas().update("project-a", Quota.CLUSTER, 1);
        assertThat(a.bays().list()).hasSize(3);
        assertThatThrownBy(() -> a.bays().create(BaySpec.of("four", "k8sbaymodel", 1)))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("per project, 1.");

        // deleting bays makes room; 0 forbids bays altogether
        admin.quotas().update("project-a", Quota.CLUSTER, 3);
        assertThatThrownBy(() -> a.bays().create(BaySpec.of("four", "k8sbaymodel", 1)))
                .isInstanceOf(QuotaExceededException.class);
        a.bays().delete("one").await(WAIT);
        a.bays().create(BaySpec.of("four", "k8sbaymodel", 1)).await(WAIT);
        admin.quotas().create("project-c", Quota.CLUSTER, 0);
        Magnum c = magnum.as(RequestContext.of("project-c", "carol"));
        c.bayModels().create(seedSpec().isPublic(false).build());
        assertThatThrownBy(() -> c.bays().create(BaySpec.of("none", "k8sbaymodel", 1)))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void onlyAnAdminSetsQuotasAndAProjectReadsItsOwn()
    {
        magnum = Fixtures.builder().build();
        Magnum a = magnum.as(PROJECT_A);
        Magnum admin = magnum.as(ADMIN);
        Quota defaults = a.quotas().get("project-a", Quota.CLUSTER);
        assertThat(defaults.hardLimit()).as("Magnum's max_clusters_per_project").isEqualTo(20);
        assertThat(defaults.isDefault()).isTrue();
        assertThat(defaults.attributes()).containsEntry("project_id", "project-a").containsEntry("resource", "Cluster")
                .containsEntry("hard_limit", 20).containsEntry("id", null);

        assertThatThrownBy(() -> a.quotas().create("project-a", Quota.CLUSTER, 50)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> a.quotas().list(false)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> a.quotas().get("project-b", Quota.CLUSTER)).isInstanceOf(ForbiddenException.class);

        Quota set = admin.quotas().create("project-a", Quota.CLUSTER, 5);
        assertThat(a.quotas().get("project-a", Quota.CLUSTER)).isEqualTo(set);
        assertThatThrownBy(() -> a.quotas().update("project-a", Quota.CLUSTER, 50)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> a.quotas().delete("project-a", Quota.CLUSTER)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.quotas().create("project-a", Quota.CLUSTER, 6))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");

        admin.quotas().create("project-b", Quota.CLUSTER, 7);
        assertThat(admin.quotas().list(true)).extracting(Quota::projectId).containsExactly("project-a", "project-b");
        assertThat(admin.quotas().list(false)).as("the admin's own project (ops) has none").isEmpty();

        Quota updated = admin.quotas().update("project-a", Quota.CLUSTER, 9);
        assertThat(updated.hardLimit()).isEqualTo(9);
        assertThat(updated.updatedAt()).isNotNull();
        admin.quotas().delete("project-a", Quota.CLUSTER);
        assertThat(a.quotas().get("project-a", Quota.CLUSTER).hardLimit()).isEqualTo(20);
        assertThatThrownBy(() -> admin.quotas().delete("project-a", Quota.CLUSTER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.quotas().update("project-x", Quota.CLUSTER, 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void badQuotasNameEveryField()
    {
        magnum = Fixtures.builder().build();
        Magnum admin = magnum.as(ADMIN);
        InvalidInputException bad = catchThrowableOfType(InvalidInputException.class,
                () -> admin.quotas().create(" ", "Pods", -1));
        assertThat(bad.violations()).extracting(v -> v.field()).containsExactly("project_id", "resource", "hard_limit");
        assertThatThrownBy(() -> admin.quotas().get("project-a", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("resource");
        assertThatThrownBy(() -> admin.quotas().create("p".repeat(256), Quota.CLUSTER, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("project_id");
        assertThatThrownBy(() -> Magnum.builder().maxBaysPerProject(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotasOutliveARestart(@TempDir Path dir)
    {
        try (Magnum first = Fixtures.builder().database(dir.resolve("magnum")).build()) {
            first.as(ADMIN).quotas().create("project-a", Quota.CLUSTER, 4);
        }
        magnum = Fixtures.builder().database(dir.resolve("magnum")).build();
        assertThat(magnum.as(PROJECT_A).quotas().get("project-a", Quota.CLUSTER).hardLimit()).isEqualTo(4);
    }

    @Test
    void statsCountAProjectsBaysAndTheirNodes()
    {
        magnum = Fixtures.builder().build();
        Magnum a = magnum.as(PROJECT_A);
        Magnum b = magnum.as(PROJECT_B);
        a.bayModels().create(seedSpec().isPublic(false).build());
        b.bayModels().create(seedSpec().isPublic(false).build());
        assertThat(a.bays().stats(null)).isEqualTo(new io.magnum.model.BayStats(0, 0));
        a.bays().create(new BaySpec("one", "k8sbaymodel", 2, 1, null, 0)).await(WAIT);
        a.bays().create(new BaySpec("two", "k8sbaymodel", 1, 3, null, 0)).await(WAIT);
        b.bays().create(BaySpec.of("three", "k8sbaymodel", 1)).await(WAIT);
        assertThat(a.bays().stats(null)).isEqualTo(new io.magnum.model.BayStats(2, 7));
        assertThat(a.bays().stats("project-a").attributes()).containsEntry("clusters", 2).containsEntry("nodes", 7L);
        assertThat(b.bays().stats(null)).isEqualTo(new io.magnum.model.BayStats(1, 2));
        assertThatThrownBy(() -> a.bays().stats("project-b")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> a.bays().stats(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("project_id");
        Magnum admin = magnum.as(ADMIN);
        assertThat(admin.bays().stats(null)).as("every project").isEqualTo(new io.magnum.model.BayStats(3, 9));
        assertThat(admin.bays().stats("project-b")).isEqualTo(new io.magnum.model.BayStats(1, 2));
        assertThat(admin.bays().stats("nobody")).isEqualTo(new io.magnum.model.BayStats(0, 0));
    }
}
