package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.ListOptions;
import io.magnum.model.PatchOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;
import java.util.Map;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema and every query run unchanged on a real PostgreSQL server. */
@Tag("integration")
class PostgresPortabilityIT
{
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception
    {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception
    {
        if (server != null) {
            server.close();
        }
    }

    private static PGSimpleDataSource dataSource()
    {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl());
        dataSource.setUser(server.user());
        return dataSource;
    }

    @Test
    void baymodelsWorkOnPostgres()
    {
        List<BayModel> before;
        try (Magnum magnum = Fixtures.builder().dataSource(dataSource()).encryptionKey(new byte[32]).host("pg-node").build()) {
            assertThat(Fixtures.dsl(magnum).meta().getTables()).extracting(t -> t.getName().toLowerCase())
                    .contains("baymodel", "bay", "x509keypair", "container", "magnum_service", "bay_lock");
            BayModel seed = magnum.bayModels().create(seedSpec().labels(Map.of("kube_tag", "v1.0")).build());
            magnum.bayModels().create(seedSpec().name(null).build());
            magnum.bayModels().create(seedSpec().name("alpha").isPublic(true).build());
            magnum.as(Fixtures.PROJECT_A).bayModels().create(seedSpec().name("tenant").build());
            assertThatThrownBy(() -> magnum.bayModels().create(seedSpec().build())).isInstanceOf(ConflictException.class);

            List<String> names = magnum.bayModels().list(ListOptions.builder().sortKey("name").build()).items().stream()
                    .map(BayModel::name).toList();
            assertThat(names).containsExactly(null, "alpha", "k8sbaymodel", "tenant");
            var page = magnum.bayModels().list(ListOptions.builder().sortKey("name").sortDir("desc").limit(2).build());
            assertThat(page.items()).extracting(BayModel::name).containsExactly("tenant", "k8sbaymodel");
            var rest = magnum.bayModels().list(ListOptions.builder().sortKey("name").sortDir("desc").limit(2)
                    .marker(page.nextMarker().orElseThrow()).build());
            assertThat(rest.items()).extracting(BayModel::name).containsExactly("alpha", null);

            magnum.bayModels().update("k8sbaymodel", PatchOperation.parse("replace", "docker_volume_size=10"));
            Fixtures.insertBay(magnum, seed.uuid(), seed.projectId());
            assertThatThrownBy(() -> magnum.bayModels().delete("k8sbaymodel")).isInstanceOf(ConflictException.class);
            assertThat(magnum.as(Fixtures.PROJECT_A).bayModels().list()).extracting(BayModel::name)
                    .containsExactly("alpha", "tenant");
            assertThat(magnum.magnumServices().list()).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo("up"));
            before = magnum.bayModels().list();
        }
        try (Magnum magnum = Fixtures.builder().dataSource(dataSource()).encryptionKey(new byte[32]).host("pg-node").build()) {
            assertThat(magnum.bayModels().list()).isEqualTo(before);
            assertThat(magnum.bayModels().get("k8sbaymodel").dockerVolumeSize()).isEqualTo(10);
            assertThat(magnum.magnumServices().list().get(0).reportCount()).isEqualTo(2);
        }
    }
}
