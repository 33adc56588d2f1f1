package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.MagnumService;
import io.magnum.model.PatchOperation;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A file database keeps everything across close and reopen. */
class PersistenceTest
{
    @TempDir
    Path dir;

    @Test
    void everyBayModelSurvivesCloseAndReopen()
    {
        Path db = dir.resolve("state/magnum-db");
        List<BayModel> before;
        try (Magnum magnum = Fixtures.builder().database(db).host("node-1").build()) {
            magnum.bayModels().create(seedSpec().build());
            magnum.bayModels().create(seedSpec().name("full").masterFlavorId("m1.medium").fixedNetwork("private")
                    .apiserverPort(6443).httpProxy("http://proxy:3128").httpsProxy("https://proxy:3129")
                    .noProxy("localhost,127.0.0.1").labels(Map.of("flannel_use_vxlan", "true", "kube_tag", "v1.0"))
                    .tlsDisabled(true).isPublic(true).registryEnabled(true).build());
            magnum.bayModels().create(seedSpec().name(null).coe("mesos").imageId("ubuntu-mesos").networkDriver(null).build());
            magnum.as(Fixtures.PROJECT_A).bayModels().create(seedSpec().name("tenant").build());
            magnum.bayModels().update("k8sbaymodel", PatchOperation.parse("replace", "docker_volume_size=10"));
            before = magnum.bayModels().list();
        }
        assertThat(Files.exists(dir.resolve("state/magnum-db.mv.db"))).isTrue();

        try (Magnum magnum = Fixtures.builder().database(db).host("node-1").build()) {
            assertThat(magnum.bayModels().list()).hasSize(4).isEqualTo(before);
            assertThat(magnum.bayModels().get("k8sbaymodel").dockerVolumeSize()).isEqualTo(10);
            assertThat(magnum.bayModels().get("k8sbaymodel").updatedAt()).isNotNull();
            assertThat(magnum.as(Fixtures.PROJECT_A).bayModels().get("tenant").projectId()).isEqualTo("project-a");
            List<MagnumService> services = magnum.magnumServices().list();
            assertThat(services).singleElement().satisfies(s -> {
                assertThat(s.host()).isEqualTo("node-1");
                assertThat(s.reportCount()).as("the restarted conductor reuses its row").isEqualTo(2);
            });
            // Flyway names its table in quotes, so this query quotes too
            int migrations = DSL.using(Fixtures.dsl(magnum).configuration().derive(
                            new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)))
                    .fetchCount(DSL.table(DSL.quotedName("magnum_schema_history")),
                            DSL.field(DSL.quotedName("script"), String.class).like("V%"));
            assertThat(migrations).as("migrations are applied once").isEqualTo(3);
        }
    }

    @Test
    void theSuffixIsOptional()
    {
        Path db = dir.resolve("magnum.mv.db");
        try (Magnum magnum = Fixtures.builder().database(db).build()) {
            magnum.bayModels().create(seedSpec().build());
        }
        try (Magnum magnum = Fixtures.builder().database(dir.resolve("magnum")).build()) {
            assertThat(magnum.bayModels().list()).hasSize(1);
        }
    }

    @Test
    void aJdbcUrlWorksToo()
    {
        String url = "jdbc:h2:file:" + dir.resolve("by-url");
        byte[] key = new byte[32];
        assertThatThrownBy(() -> Fixtures.builder().database(url, "sa", "").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs encryptionKey");
        try (Magnum magnum = Fixtures.builder().database(url, "sa", "").encryptionKey(key).build()) {
            magnum.bayModels().create(seedSpec().build());
        }
        try (Magnum magnum = Fixtures.builder().database(url, "sa", "").encryptionKey(key).build()) {
            assertThat(magnum.bayModels().list()).hasSize(1);
        }
    }

    @Test
    void anUnusableLocationIsATypedError() throws Exception
    {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        assertThatThrownBy(() -> Fixtures.builder().database(file.resolve("db")).build())
                .isInstanceOf(MagnumException.class)
                .satisfies(e -> assertThat(((MagnumException) e).code()).isEqualTo(ErrorCode.STORE_FAILURE))
                .hasMessageContaining("cannot create the directory of database");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("magnum-heartbeat")
                && t.isAlive() && Files.exists(file));
    }

    @Test
    void twoInMemoryInstancesAreIndependent()
    {
        try (Magnum one = Fixtures.builder().build(); Magnum two = Fixtures.builder().build()) {
            one.bayModels().create(seedSpec().build());
            assertThat(two.bayModels().list()).isEmpty();
            assertThat(one.bayModels().list()).hasSize(1);
        }
    }
}
