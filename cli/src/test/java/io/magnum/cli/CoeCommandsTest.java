package io.magnum.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.magnum.cli.Samples.BAY_UUID;
import static io.magnum.cli.Samples.bay;
import static org.assertj.core.api.Assertions.assertThat;

/** The pod, rc, coe-service and container commands against a scripted API: Magnum 2.0's routes and bodies. */
final class CoeCommandsTest
{
    private final FakeApi api = new FakeApi();

    @AfterEach
    void close()
    {
        api.close();
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
}
