package io.magnum.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.magnum.cli.Samples.BAY_UUID;
import static io.magnum.cli.Samples.MODEL;
import static io.magnum.cli.Samples.MODEL_UUID;
import static io.magnum.cli.Samples.bay;
import static org.assertj.core.api.Assertions.assertThat;

/** The baymodel, bay, certificate and service commands against a scripted API: what each sends and prints. */
final class BayCommandsTest
{
    private final FakeApi api = new FakeApi();

    @AfterEach
    void close()
    {
        api.close();
    }

    @Test
    void seedBaymodelCreateSendsWhatThePythonClientSends()
    {
        api.on("POST /v1/baymodels", 201, MODEL);

        FakeApi.Run run = api.run("baymodel-create", "--name", "k8sbaymodel", "--image-id", "fedora-21-atomic-5",
                "--keypair-id", "testkey", "--external-network-id", "public", "--dns-nameserver", "8.8.8.8",
                "--flavor-id", "m1.small", "--docker-volume-size", "5", "--network-driver", "flannel",
                "--coe", "kubernetes");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        FakeApi.Request request = api.last("POST");
        assertThat(request.json().toString()).isEqualTo("{\"name\":\"k8sbaymodel\",\"flavor_id\":\"m1.small\","
                + "\"master_flavor_id\":null,\"image_id\":\"fedora-21-atomic-5\",\"keypair_id\":\"testkey\","
                + "\"external_network_id\":\"public\",\"fixed_network\":null,\"network_driver\":\"flannel\","
                + "\"volume_driver\":null,\"dns_nameserver\":\"8.8.8.8\",\"docker_volume_size\":5,"
                + "\"coe\":\"kubernetes\",\"http_proxy\":null,\"https_proxy\":null,\"no_proxy\":null,\"labels\":{},"
                + "\"tls_disabled\":false,\"public\":false,\"registry_enabled\":false}");
        assertThat(request.token()).isEqualTo(Session.DEFAULT_TOKEN);
        assertThat(request.version()).isEqualTo("container-infra 1.1");
        assertThat(run.out()).isEqualTo("""
                +----------+--------------------------------------+
                | Property | Value                                |
                +----------+--------------------------------------+
                | uuid     | 194a4b7e-0125-4956-8660-7551469ae1ed |
                | name     | k8sbaymodel                          |
                | coe      | kubernetes                           |
                +----------+--------------------------------------+
                """);
    }

    @Test
    void baymodelCreateHasThePythonClientsDefaults()
    {
        api.on("POST /v1/baymodels", 201, MODEL);

        FakeApi.Run run = api.run("baymodel-create", "--image-id", "fedora-21-atomic-5", "--keypair-id", "testkey",
                "--external-network-id=public", "--coe", "swarm", "--labels", "a=1,b=2", "--tls-disabled",
                "--public", "--registry-enabled");

        assertThat(run.status()).isZero();
        var body = api.last("POST").json();
        assertThat(body.get("name").isNull()).isTrue();
        assertThat(body.get("dns_nameserver").asText()).isEqualTo("8.8.8.8");
        assertThat(body.get("flavor_id").asText()).isEqualTo("m1.medium");
        assertThat(body.get("docker_volume_size").isNull()).isTrue();
        assertThat(body.get("labels").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(body.get("tls_disabled").asBoolean()).isTrue();
        assertThat(body.get("public").asBoolean()).isTrue();
        assertThat(body.get("registry_enabled").asBoolean()).isTrue();
    }

    @Test
    void seedBayCreateLooksTheBaymodelUpThenPostsItsUuid()
    {
        api.on("GET /v1/baymodels/k8sbaymodel", 200, MODEL).on("POST /v1/bays", 201, bay("CREATE_IN_PROGRESS"));

        FakeApi.Run run = api.run("bay-create", "--name", "k8sbay", "--baymodel", "k8sbaymodel", "--node-count", "1");

        assertThat(run.status()).isZero();
        assertThat(api.calls()).containsExactly("GET /v1/baymodels/k8sbaymodel", "POST /v1/bays");
        assertThat(api.last("POST").json().toString()).isEqualTo("{\"name\":\"k8sbay\",\"baymodel_id\":\""
                + MODEL_UUID + "\",\"node_count\":1,\"master_count\":1,\"discovery_url\":null,"
                + "\"bay_create_timeout\":0}");
        assertThat(run.out()).contains("| status        | CREATE_IN_PROGRESS                   |")
                .doesNotContain("links");
    }

    @Test
    void aBayCreateThatIsRefusedSaysSoAsThePythonClientDoes()
    {
        api.on("GET /v1/baymodels/k8sbaymodel", 200, MODEL)
                .on("POST /v1/bays", 409, "{\"errors\": [{\"detail\": \"A bay named k8sbay already exists.\"}]}");

        FakeApi.Run run = api.run("bay-create", "--name", "k8sbay", "--baymodel", "k8sbaymodel");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("Create for bay k8sbay failed: A bay named k8sbay already exists. (HTTP 409)\n");
    }

    @Test
    void aNewerServersAcceptedCreateIsFollowedByAShow()
    {
        api.on("GET /v1/baymodels/k8sbaymodel", 200, MODEL)
                .on("POST /v1/bays", 202, "{\"uuid\": \"" + BAY_UUID + "\"}")
                .on("GET /v1/bays/" + BAY_UUID, 200, bay("CREATE_IN_PROGRESS"));

        FakeApi.Run run = api.run("bay-create", "--name", "k8sbay", "--baymodel", "k8sbaymodel");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("| status        | CREATE_IN_PROGRESS");
    }

    @Test
    void seedBayUpdateSendsAJsonPatch()
    {
        api.on("PATCH /v1/bays/k8sbay", 200, bay("UPDATE_IN_PROGRESS"));

        FakeApi.Run run = api.run("bay-update", "k8sbay", "replace", "node_count=2");

        assertThat(run.status()).isZero();
        assertThat(api.last("PATCH").body()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/node_count\",\"value\":2}]");
        assertThat(run.out()).contains("UPDATE_IN_PROGRESS");
    }

    @Test
    void bayListHasTheClientsColumnsInTheServersOrder()
    {
        api.on("GET /v1/bays", 200, "{\"bays\": [" + bay("CREATE_COMPLETE") + ", {\"uuid\": \"0\", \"name\": "
                + "\"b2\", \"node_count\": 2, \"master_count\": 1, \"status\": \"CREATE_IN_PROGRESS\"}]}");

        FakeApi.Run run = api.run("bay-list");

        assertThat(run.out()).isEqualTo("""
                +--------------------------------------+--------+------------+--------------+--------------------+
                | uuid                                 | name   | node_count | master_count | status             |
                +--------------------------------------+--------+------------+--------------+--------------------+
                | 481685d2-bc16-4daf-9aac-9e830c7da3f7 | k8sbay | 1          | 1            | CREATE_COMPLETE    |
                | 0                                    | b2     | 2          | 1            | CREATE_IN_PROGRESS |
                +--------------------------------------+--------+------------+--------------+--------------------+
                """);
    }

    @Test
    void listsFollowNextLinksAndStopAtTheLimit()
    {
        api.on("GET /v1/baymodels?limit=3&sort_key=name&sort_dir=desc", 200,
                        "{\"baymodels\": [{\"uuid\": \"1\", \"name\": \"c\"}, {\"uuid\": \"2\", \"name\": \"b\"}], "
                                + "\"next\": \"http://elsewhere:9511/v1/baymodels?limit=2&marker=2\"}")
                .on("GET /v1/baymodels?limit=2&marker=2", 200,
                        "{\"baymodels\": [{\"uuid\": \"3\", \"name\": \"a\"}, {\"uuid\": \"4\", \"name\": \"0\"}]}");

        FakeApi.Run run = api.run("baymodel-list", "--limit", "3", "--sort-key", "name", "--sort-dir", "desc");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("| 1    | c    |\n| 2    | b    |\n| 3    | a    |\n+").doesNotContain("| 4");
    }

    @Test
    void deleteGoesOnAfterAFailureAndSaysWhichFailed()
    {
        api.on("DELETE /v1/bays/a", 204).on("DELETE /v1/bays/c", 204);

        FakeApi.Run run = api.run("bay-delete", "a", "b", "c");

        assertThat(run.out()).isEqualTo("Request to delete bay a has been accepted.\n"
                + "Request to delete bay c has been accepted.\n");
        assertThat(run.err()).isEqualTo("Delete for bay b failed: The resource could not be found. (HTTP 404)\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void waitFollowsTheBayWithStatusLinesWhenNotOnATerminal()
    {
        api.on("GET /v1/baymodels/k8sbaymodel", 200, MODEL).on("POST /v1/bays", 201, bay("CREATE_IN_PROGRESS"))
                .on("GET /v1/bays/" + BAY_UUID, 200, bay("CREATE_IN_PROGRESS"), bay("CREATE_IN_PROGRESS"),
                        bay("CREATE_COMPLETE"));

        FakeApi.Run run = api.run("bay-create", "--name", "k8sbay", "--baymodel", "k8sbaymodel", "--wait");

        assertThat(run.status()).isZero();
        assertThat(run.err()).startsWith("waiting for bay k8sbay: CREATE_IN_PROGRESS (0:00)\n")
                .endsWith("bay k8sbay: CREATE_COMPLETE (0:00)\n").doesNotContain("\r");
        assertThat(run.out()).contains("| status        | CREATE_COMPLETE").doesNotContain("IN_PROGRESS");
    }

    @Test
    void waitDrawsABarOnATerminal()
    {
        api.on("PATCH /v1/bays/k8sbay", 200, bay("UPDATE_IN_PROGRESS"))
                .on("GET /v1/bays/" + BAY_UUID, 200, bay("UPDATE_IN_PROGRESS"), bay("UPDATE_IN_PROGRESS"),
                        bay("UPDATE_IN_PROGRESS"), bay("UPDATE_COMPLETE"));

        FakeApi.Run run = api.run(true, Path.of("."), "bay-update", "k8sbay", "replace", "node_count=2", "--wait");

        assertThat(run.status()).isZero();
        assertThat(run.err()).startsWith("\rk8sbay  UPDATE_IN_PROGRESS  [===").contains("]  0:00")
                .containsPattern("\rbay k8sbay: UPDATE_COMPLETE \\(0:00\\) *\n$");
        assertThat(run.out()).contains("UPDATE_COMPLETE");
    }

    @Test
    void waitFailsWhenTheBayFails()
    {
        api.on("GET /v1/baymodels/k8sbaymodel", 200, MODEL).on("POST /v1/bays", 201, bay("CREATE_IN_PROGRESS"))
                .on("GET /v1/bays/" + BAY_UUID, 200, bay("CREATE_IN_PROGRESS"), bay("CREATE_FAILED"));

        FakeApi.Run run = api.run("bay-create", "--name", "k8sbay", "--baymodel", "k8sbaymodel", "--wait");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("CREATE_FAILED");
        assertThat(run.err()).endsWith("bay k8sbay: CREATE_FAILED (0:00)\n"
                + "ERROR: Bay k8sbay is CREATE_FAILED: Resource CREATE failed: boom\n");
    }

    @Test
    void deleteWaitsUntilTheBayIsGone()
    {
        api.on("GET /v1/bays/k8sbay", 200, bay("CREATE_COMPLETE")).on("DELETE /v1/bays/k8sbay", 204)
                .on("GET /v1/bays/" + BAY_UUID, 200, bay("DELETE_IN_PROGRESS"), bay("DELETE_IN_PROGRESS"))
                .then("GET /v1/bays/" + BAY_UUID, 404, "{\"errors\": [{\"detail\": \"Bay could not be found.\"}]}");

        FakeApi.Run run = api.run("bay-delete", "k8sbay", "--wait");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("Request to delete bay k8sbay has been accepted.\n");
        assertThat(run.err()).endsWith("bay k8sbay: deleted (0:00)\n");
    }

    @Test
    void caShowPrintsThePem()
    {
        api.on("GET /v1/bays/k8sbay", 200, bay("CREATE_COMPLETE"))
                .on("GET /v1/certificates/" + BAY_UUID, 200, "{\"bay_uuid\": \"" + BAY_UUID + "\", \"pem\": "
                        + "\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}");

        FakeApi.Run run = api.run("ca-show", "--bay", "k8sbay");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    }

    @Test
    void seedCaSignSendsTheCsrFile(@TempDir Path directory) throws IOException
    {
        Files.writeString(directory.resolve("client.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n"
                + "-----END CERTIFICATE REQUEST-----\n");
        api.on("GET /v1/bays/k8sbay", 200, bay("CREATE_COMPLETE"))
                .on("POST /v1/certificates", 201, "{\"pem\": \"-----BEGIN CERTIFICATE-----\\nSIGNED\\n"
                        + "-----END CERTIFICATE-----\\n\"}");

        FakeApi.Run run = api.run(false, directory, "ca-sign", "--bay", "k8sbay", "--csr", "client.csr");

        assertThat(run.status()).isZero();
        assertThat(api.last("POST").json().toString()).isEqualTo("{\"bay_uuid\":\"" + BAY_UUID + "\",\"csr\":"
                + "\"-----BEGIN CERTIFICATE REQUEST-----\\nMIIC\\n-----END CERTIFICATE REQUEST-----\\n\"}");
        assertThat(run.out()).isEqualTo("-----BEGIN CERTIFICATE-----\nSIGNED\n-----END CERTIFICATE-----\n");
    }

    @Test
    void caSignNeedsACsrFile(@TempDir Path directory)
    {
        api.on("GET /v1/bays/k8sbay", 200, bay("CREATE_COMPLETE"));

        FakeApi.Run run = api.run(false, directory, "ca-sign", "--bay", "k8sbay", "--csr", "client.csr");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("ERROR: A CSR must be provided: --csr <file> (client.csr is not a file)\n");
        assertThat(api.calls()).doesNotContain("POST /v1/certificates");
    }

    @Test
    void serviceListIsSortedById()
    {
        api.on("GET /v1/mservices", 200, "{\"mservices\": [{\"id\": 2, \"host\": \"b\", \"binary\": "
                + "\"magnum-conductor\", \"state\": \"down\"}, {\"id\": 1, \"host\": \"a\", \"binary\": "
                + "\"magnum-conductor\", \"state\": \"up\", \"report_count\": 3}]}");

        FakeApi.Run run = api.run("service-list");

        assertThat(run.out()).isEqualTo("""
                +----+------+------------------+-------+
                | id | host | binary           | state |
                +----+------+------------------+-------+
                | 1  | a    | magnum-conductor | up    |
                | 2  | b    | magnum-conductor | down  |
                +----+------+------------------+-------+
                """);
    }
}
