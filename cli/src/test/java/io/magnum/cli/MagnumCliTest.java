package io.magnum.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands against a scripted API: what each sends, what it prints, how it fails. */
final class MagnumCliTest
{
    private static final String MODEL_UUID = "194a4b7e-0125-4956-8660-7551469ae1ed";
    private static final String BAY_UUID = "481685d2-bc16-4daf-9aac-9e830c7da3f7";
    private static final String MODEL = "{\"uuid\": \"" + MODEL_UUID + "\", \"name\": \"k8sbaymodel\", "
            + "\"links\": [{\"href\": \"x\", \"rel\": \"self\"}], \"coe\": \"kubernetes\"}";

    private final FakeApi api = new FakeApi();

    @AfterEach
    void close()
    {
        api.close();
    }

    private static String bay(String status)
    {
        return "{\"uuid\": \"" + BAY_UUID + "\", \"name\": \"k8sbay\", \"baymodel_id\": \"" + MODEL_UUID
                + "\", \"node_count\": 1, \"master_count\": 1, \"status\": \"" + status
                + "\", \"status_reason\": \"" + (status.endsWith("FAILED") ? "Resource CREATE failed: boom" : "ok")
                + "\", \"links\": []}";
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
    void aMissingRequiredOptionIsAUsageError()
    {
        FakeApi.Run run = api.run("baymodel-create", "--name", "x", "--coe", "kubernetes");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("ERROR: Missing required options: '--image-id=<image-id>'")
                .contains("Try 'magnum help baymodel-create' for help on a specific command.");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aWrongOptionValueIsAUsageError()
    {
        FakeApi.Run run = api.run("bay-create", "--baymodel", "m", "--node-count", "two");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--node-count").contains("'two' is not an int");
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

    @Test
    void seedPodCreateSendsTheManifestOfAReadyBay(@TempDir Path directory) throws IOException
    {
        Files.writeString(directory.resolve("redis-master.yaml"), "kind: Pod\n");
        api.on("GET /v1/bays/k8sbay", 200, bay("CREATE_COMPLETE"))
                .on("POST /v1/pods", 201, "{\"uuid\": \"p1\", \"name\": \"redis-master\", \"bay_uuid\": \""
                        + BAY_UUID + "\", \"images\": [\"kubernetes/redis:v2\"], \"links\": []}");

        FakeApi.Run run = api.run(false, directory, "pod-create", "--manifest", "./redis-master.yaml", "--bay",
                "k8sbay");

        assertThat(run.status()).isZero();
        assertThat(api.last("POST").json().toString()).isEqualTo("{\"manifest_url\":null,\"bay_uuid\":\""
                + BAY_UUID + "\",\"manifest\":\"kind: Pod\\n\"}");
        assertThat(run.out()).contains("| name     | redis-master ").contains("| images   | ['kubernetes/redis:v2']");
    }

    @Test
    void objectsOfABayThatIsNotReadyAreRefusedBeforeAsking()
    {
        api.on("GET /v1/bays/k8sbay", 200, bay("CREATE_IN_PROGRESS"));

        FakeApi.Run create = api.run("rc-create", "--manifest-url", "http://x/rc.yaml", "--bay", "k8sbay");
        FakeApi.Run list = api.run("pod-list", "--bay", "k8sbay");

        assertThat(create.status()).isEqualTo(1);
        assertThat(create.err()).isEqualTo("ERROR: Bay status for k8sbay is: CREATE_IN_PROGRESS. We cannot create a"
                + " replication controller until the status is CREATE_COMPLETE or UPDATE_COMPLETE.\n");
        assertThat(list.err()).contains("We cannot list pods until");
        assertThat(api.calls()).containsOnly("GET /v1/bays/k8sbay");
    }

    @Test
    void manifestObjectsAreAddressedWithTheirBay(@TempDir Path directory) throws IOException
    {
        Files.writeString(directory.resolve("new.yaml"), "kind: Service\n");
        String service = "{\"uuid\": \"s1\", \"name\": \"redis-sentinel\", \"bay_uuid\": \"" + BAY_UUID + "\"}";
        api.on("GET /v1/services?bay_ident=k8sbay", 200, "{\"services\": [" + service + "]}")
                .on("GET /v1/services/redis-sentinel?bay_ident=k8sbay", 200, service)
                .on("PATCH /v1/services/redis-sentinel?bay_ident=k8sbay", 200, service)
                .on("DELETE /v1/services/redis-sentinel?bay_ident=k8sbay", 204);

        FakeApi.Run list = api.run("coe-service-list", "--bay", "k8sbay");
        FakeApi.Run show = api.run("coe-service-show", "redis-sentinel", "--bay", "k8sbay");
        FakeApi.Run update = api.run(false, directory, "coe-service-update", "redis-sentinel", "--bay", "k8sbay",
                "replace", "manifest=new.yaml");
        FakeApi.Run delete = api.run("coe-service-delete", "redis-sentinel", "--bay", "k8sbay");

        assertThat(list.out()).contains("| uuid | name           | bay_uuid                             |")
                .contains("| s1   | redis-sentinel | " + BAY_UUID + " |");
        assertThat(show.out()).contains("| name     | redis-sentinel");
        assertThat(update.status()).isZero();
        assertThat(api.last("PATCH").body())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/manifest\",\"value\":\"kind: Service\\n\"}]");
        assertThat(delete.out()).isEqualTo("Request to delete service redis-sentinel has been accepted.\n");
    }

    @Test
    void podAndRcListsAreSortedByUuidWithTheirColumns()
    {
        api.on("GET /v1/bays/k8sbay", 200, bay("UPDATE_COMPLETE"))
                .on("GET /v1/pods?bay_ident=k8sbay", 200, "{\"pods\": [{\"uuid\": \"b\", \"name\": \"two\"}, "
                        + "{\"uuid\": \"a\", \"name\": \"one\"}]}")
                .on("GET /v1/rcs?bay_ident=k8sbay", 200, "{\"rcs\": [{\"uuid\": \"r\", \"name\": \"redis\", "
                        + "\"bay_uuid\": \"x\", \"replicas\": 2}]}");

        assertThat(api.run("pod-list", "--bay", "k8sbay").out()).isEqualTo("""
                +------+------+
                | uuid | name |
                +------+------+
                | a    | one  |
                | b    | two  |
                +------+------+
                """);
        assertThat(api.run("rc-list", "--bay", "k8sbay").out()).contains("| uuid | name  | bay_uuid |");
    }

    @Test
    void containerCommandsUseMagnumsActionRoutes()
    {
        String container = "{\"uuid\": \"c1\", \"name\": \"test\", \"status\": \"Running\", \"bay_uuid\": \""
                + BAY_UUID + "\", \"environment\": {}, \"links\": []}";
        api.on("GET /v1/bays/swarmbay", 200, bay("UPDATE_IN_PROGRESS"))
                .on("POST /v1/containers", 201, container)
                .on("GET /v1/containers?bay_ident=swarmbay", 200, "{\"containers\": [" + container + "]}")
                .on("GET /v1/containers/test", 200, container)
                .on("PUT /v1/containers/test/start", 200, container)
                .on("PUT /v1/containers/test/stop", 200, container)
                .on("PUT /v1/containers/test/execute?command=ls%20-l%20%2Ftmp", 200, "{\"output\": \"a\\nb\"}")
                .on("GET /v1/containers/test/logs", 200, "{\"output\": \"hello\"}")
                .on("DELETE /v1/containers/test", 204);

        assertThat(api.run("container-create", "--name", "test", "--image", "busybox", "--bay", "swarmbay",
                "--command", "sleep 100", "--memory", "64m").status()).isZero();
        assertThat(api.last("POST").json().toString()).isEqualTo("{\"name\":\"test\",\"image\":\"busybox\","
                + "\"bay_uuid\":\"" + BAY_UUID + "\",\"command\":\"sleep 100\",\"memory\":\"64m\"}");
        assertThat(api.run("container-list", "--bay", "swarmbay").out())
                .contains("| uuid | name | status  | bay_uuid                             |");
        assertThat(api.run("container-start", "test").out()).isEmpty();
        FakeApi.Run stop = api.run("container-stop", "test", "other");
        assertThat(stop.err()).isEqualTo("Stop for container other failed: The resource could not be found. "
                + "(HTTP 404)\n");
        assertThat(stop.status()).isEqualTo(1);
        assertThat(api.run("container-exec", "test", "--command", "ls -l /tmp").out()).isEqualTo("a\nb\n");
        assertThat(api.run("container-logs", "test").out()).isEqualTo("hello\n");
        assertThat(api.run("container-show", "test", "--json").out()).isEqualTo("{\"uuid\": \"c1\", \"name\": "
                + "\"test\", \"status\": \"Running\", \"bay_uuid\": \"" + BAY_UUID + "\", \"environment\": {}, "
                + "\"links\": []}\n");
        assertThat(api.run("container-delete", "test").out())
                .isEqualTo("Request to delete container test has been accepted.\n");
    }

    @Test
    void anApiErrorIsOneLineWithItsStatus()
    {
        api.on("GET /v1/bays/nope", 404, "{\"errors\": [{\"status\": 404, \"title\": \"Bay nope could not be "
                + "found\", \"detail\": \"Bay nope could not be found.\\nreally\"}]}");
        api.on("GET /v1/baymodels/old", 400, "{\"error_message\": \"{\\\"faultstring\\\": \\\"Invalid input for "
                + "field/attribute limit.\\\", \\\"debuginfo\\\": null}\"}");
        api.on("GET /v1/baymodels/text", 500, "");

        FakeApi.Run run = api.run("bay-show", "nope");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("ERROR: Bay nope could not be found. really (HTTP 404)\n");
        assertThat(api.run("baymodel-show", "old").err())
                .isEqualTo("ERROR: Invalid input for field/attribute limit. (HTTP 400)\n");
        assertThat(api.run("baymodel-show", "text").err()).isEqualTo("ERROR: Internal Server Error (HTTP 500)\n");
    }

    @Test
    void namesArePercentEncodedInPaths()
    {
        api.on("GET /v1/bays/my%20bay%2Fx", 200, bay("CREATE_COMPLETE"));

        assertThat(api.run("bay-show", "my bay/x").status()).isZero();
    }

    @Test
    void anUnreachableServerSaysHowToStartOne() throws IOException
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = MagnumCli.builder().err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .environment(Map.of("MAGNUM_URL", "http://127.0.0.1:" + port + "/v1/")).build().run("bay-list");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR: cannot reach the Magnum API at "
                + "http://127.0.0.1:" + port + " (connection refused). Start it with bin/magnum-server, or point "
                + "MAGNUM_URL or --magnum-url at a running one.\n");
    }

    @Test
    void aBadUrlIsAUsageError()
    {
        FakeApi.Run run = api.run("--magnum-url", "127.0.0.1:9511", "bay-list");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: the Magnum API URL '127.0.0.1:9511' is not an http(s) URL");
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheCommand()
    {
        try (FakeApi other = new FakeApi()) {
            other.on("GET /v1/mservices", 200, "{\"mservices\": []}");

            assertThat(api.run("--magnum-url", other.url(), "--os-token", "t1", "service-list").status()).isZero();
            assertThat(api.run("service-list", "--magnum-url", other.url(), "--os-token", "t2").status()).isZero();

            assertThat(other.requests()).extracting(FakeApi.Request::token).containsExactly("t1", "t2");
            assertThat(api.requests()).isEmpty();
        }
    }

    @Test
    void theTokenComesFromTheEnvironment()
    {
        api.on("GET /v1/mservices", 200, "{\"mservices\": []}");

        MagnumCli.builder().environment(Map.of("MAGNUM_URL", api.url(), "OS_TOKEN", "from-env")).build()
                .run("service-list");

        assertThat(api.last("GET").token()).isEqualTo("from-env");
    }

    @Test
    void helpForTheProgramAndForACommand()
    {
        FakeApi.Run all = api.run("help");
        FakeApi.Run none = api.run();
        FakeApi.Run option = api.run("--help");
        FakeApi.Run one = api.run("help", "bay-create");
        FakeApi.Run flag = api.run("bay-create", "--help");

        assertThat(all.status()).isZero();
        assertThat(all.out()).startsWith("Usage: magnum ").contains("  baymodel-create     Create a baymodel.\n")
                .contains("  coe-service-update  Update information about the given coe service.\n")
                .contains("  help                Display help about this program or one of its subcommands.\n");
        assertThat(none.out()).isEqualTo(all.out());
        assertThat(option.out()).isEqualTo(all.out());
        assertThat(one.out()).startsWith("Usage: magnum bay-create ").contains("--baymodel=<baymodel>")
                .contains("--node-count=<node-count>").contains("The bay node count (default: 1).")
                .contains("--wait");
        assertThat(flag.out()).isEqualTo(one.out());
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void helpOfAnUnknownCommand()
    {
        FakeApi.Run run = api.run("help", "bay-frob");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("ERROR: 'bay-frob' is not a valid subcommand\n");
    }

    @Test
    void anUnknownCommandSuggestsOnesThatLookAlike()
    {
        FakeApi.Run run = api.run("bay-lst");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: 'bay-lst' is not a valid subcommand; did you mean bay-list")
                .endsWith("See \"magnum help\" for the commands.\n");
    }

    @Test
    void bashCompletionListsCommandsAndOptions()
    {
        FakeApi.Run run = api.run("bash-completion");

        assertThat(run.status()).isZero();
        assertThat(run.out().strip().split(" ")).contains("baymodel-create", "bay-list", "ca-sign", "coe-service-list",
                "container-unpause", "help", "--image-id", "--node-count", "--manifest", "--csr", "--wait", "--help")
                .doesNotContain("bash-completion");
    }
}
