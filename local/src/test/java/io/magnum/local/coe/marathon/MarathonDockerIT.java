package io.magnum.local.coe.marathon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.magnum.local.LocalCloud;
import io.magnum.local.coe.docker.DockerEngine;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.local.tck.LocalDockerEngine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Marathon stand-in against the real local engine (tools/docker-up.sh starts one, with the image
 * local/busybox:latest): each app instance is a container, and scaling, restarts, suspending and deleting make and remove
 * real containers; a missing image is a {@code lastTaskFailure}; a container that exits is a failed task that is
 * launched again; no container outlives its bay. Skips, loudly, only when no engine answers.
 */
@Tag("docker")
class MarathonDockerIT
{
    /** The local image tools/docker-up.sh builds; nothing is ever pulled. */
    static final String IMAGE = LocalDockerEngine.IMAGE;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> SLAVES = List.of("10.0.0.5", "10.0.0.6");

    private static DockerEngine docker;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private MarathonHost host;
    private String bayUuid;
    private String base;

    @BeforeAll
    static void needsAnEngine()
    {
        docker = LocalDockerEngine.assumeRunning("MarathonDockerIT");
    }

    @BeforeEach
    void start()
    {
        host = new MarathonHost(DockerEngine.DEFAULT_HOST);
        bayUuid = UUID.randomUUID().toString();
        base = host.start(new HostedBay(bayUuid, "mesos", "172.24.4.3", SLAVES, Optional.empty()));
        assertThat(host.runsOnDocker(bayUuid)).isTrue();
    }

    @AfterEach
    void stopAndCheckNothingLeaks() throws IOException
    {
        host.close();
        assertThat(containers("magnum.marathon.bay=" + bayUuid)).as("containers left by bay " + bayUuid).isEmpty();
    }

    @Test
    void anAppInstanceIsARealContainerWithTheAppsImageCmdEnvMemoryAndLabels() throws IOException
    {
        JsonNode created = call("POST", "/v2/apps", """
                {"id": "web", "cmd": "echo greeting=$GREETING; sleep 3600", "mem": 64, "instances": 1,
                 "container": {"type": "DOCKER", "docker": {"image": "%s"}},
                 "env": {"GREETING": "hello"}, "labels": {"magnum.uuid": "u-1"}}""".formatted(IMAGE));
        assertThat(created.path("id").asText()).isEqualTo("/web");
        JsonNode app = awaitApp("web", a -> a.path("tasksRunning").asInt() == 1 && a.path("deployments").isEmpty());
        JsonNode task = app.path("tasks").get(0);
        assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(task.path("host").asText()).isIn(SLAVES);
        assertThat(task.path("id").asText()).startsWith("web.");

        List<String> ids = containers("magnum.marathon.app=/web");
        assertThat(ids).hasSize(1);
        JsonNode container = docker.call("GET", "/containers/" + ids.get(0) + "/json", null).body();
        assertThat(container.path("Name").asText()).isEqualTo("/magnum-marathon-" + bayUuid.substring(0, 8) + "-"
                + task.path("id").asText());
        assertThat(container.path("State").path("Running").asBoolean()).isTrue();
        assertThat(container.path("Config").path("Image").asText()).isEqualTo(IMAGE);
        assertThat(texts(container.path("Config").path("Entrypoint"))).containsExactly("/bin/sh");
        assertThat(texts(container.path("Config").path("Cmd"))).containsExactly("-c", "echo greeting=$GREETING; sleep 3600");
        assertThat(texts(container.path("Config").path("Env"))).contains("GREETING=hello", "MARATHON_APP_ID=/web");
        assertThat(container.path("HostConfig").path("Memory").asLong()).isEqualTo(64L * 1024 * 1024);
        JsonNode labels = container.path("Config").path("Labels");
        assertThat(labels.path("magnum.marathon.app").asText()).isEqualTo("/web");
        assertThat(labels.path("magnum.marathon.bay").asText()).isEqualTo(bayUuid);
        assertThat(labels.path("magnum.marathon.task").asText()).isEqualTo(task.path("id").asText());
        // the task is the container: its start and address
        assertThat(task.path("startedAt").asText())
                .isEqualTo(MarathonApi.format(java.time.Instant.parse(container.path("State").path("StartedAt").asText())));
        assertThat(task.path("ipAddresses").get(0).path("ipAddress").asText())
                .isEqualTo(container.path("NetworkSettings").path("IPAddress").asText());
        // the command ran in it, with the app's environment
        awaitTrue(() -> docker.call("GET", "/containers/" + ids.get(0) + "/logs?stdout=1&stderr=1", null).text()
                .contains("greeting=hello"), "the container's output shows the app's env");
    }

    @Test
    void scalingRestartingSuspendingAndDeletingMakeAndRemoveContainers() throws IOException
    {
        call("POST", "/v2/apps", app("web", 1));
        awaitApp("web", a -> a.path("tasksRunning").asInt() == 1 && a.path("deployments").isEmpty());
        List<String> first = containers("magnum.marathon.app=/web");
        assertThat(first).hasSize(1);

        call("PUT", "/v2/apps/web", "{\"instances\": 3}");
        JsonNode three = awaitApp("web", a -> a.path("tasksRunning").asInt() == 3 && a.path("deployments").isEmpty());
        assertThat(three.path("tasks")).hasSize(3);
        assertThat(containers("magnum.marathon.app=/web")).hasSize(3).containsAll(first);

        call("PUT", "/v2/apps/web", "{\"instances\": 1}");
        awaitApp("web", a -> a.path("tasksRunning").asInt() == 1 && a.path("deployments").isEmpty());
        assertThat(containers("magnum.marathon.app=/web")).as("the youngest are killed first").isEqualTo(first);

        List<String> before = taskIds("web");
        JsonNode restart = call("POST", "/v2/apps/web/restart", "{}");
        assertThat(restart.path("deploymentId").asText()).isNotEmpty();
        JsonNode restarted = awaitApp("web", a -> a.path("deployments").isEmpty() && a.path("tasksRunning").asInt() == 1);
        assertThat(taskIds(restarted)).hasSize(1).doesNotContainAnyElementsOf(before);
        List<String> now = containers("magnum.marathon.app=/web");
        assertThat(now).hasSize(1).doesNotContainAnyElementsOf(first);

        call("PUT", "/v2/apps/web", "{\"instances\": 0}");
        JsonNode suspended = awaitApp("web", a -> a.path("deployments").isEmpty());
        assertThat(suspended.path("tasksRunning").asInt()).isZero();
        assertThat(suspended.path("tasks")).isEmpty();
        assertThat(containers("magnum.marathon.app=/web")).isEmpty();

        call("PUT", "/v2/apps/web", "{\"instances\": 2}");
        awaitApp("web", a -> a.path("tasksRunning").asInt() == 2 && a.path("deployments").isEmpty());
        assertThat(containers("magnum.marathon.app=/web")).hasSize(2);
        call("DELETE", "/v2/apps/web?force=true", null);
        assertThat(status("GET", "/v2/apps/web")).isEqualTo(404);
        awaitTrue(() -> containers("magnum.marathon.app=/web").isEmpty(), "the deleted app's containers are gone");
        awaitTrue(() -> call("GET", "/v2/deployments", null).isEmpty(), "the stop deployment ends");
    }

    @Test
    void anImageTheEngineLacksIsALastTaskFailureAndNoContainer() throws IOException
    {
        call("POST", "/v2/apps", """
                {"id": "ghost", "cmd": "sleep 3600", "container": {"docker": {"image": "magnum4j/absent-%s:1"}}}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
        JsonNode app = awaitApp("ghost", a -> a.has("lastTaskFailure"));
        JsonNode failure = app.path("lastTaskFailure");
        assertThat(failure.path("state").asText()).isEqualTo("TASK_FAILED");
        assertThat(failure.path("message").asText()).contains("magnum4j/absent-").contains("pulls no image");
        assertThat(failure.path("appId").asText()).isEqualTo("/ghost");
        assertThat(failure.path("version").asText()).isEqualTo(app.path("version").asText());
        assertThat(app.path("tasksRunning").asInt()).isZero();
        assertThat(app.path("deployments")).as("Marathon keeps trying: the deployment goes on").hasSize(1);
        assertThat(containers("magnum.marathon.app=/ghost")).isEmpty();
        assertThat(call("DELETE", "/v2/apps/ghost?force=true", null).path("deploymentId").asText()).isNotEmpty();
    }

    @Test
    void aContainerThatExitsIsAFailedTaskAndIsLaunchedAgain() throws IOException
    {
        call("POST", "/v2/apps", """
                {"id": "crash", "cmd": "sleep 1; exit 3", "backoffSeconds": 0.2, "backoffFactor": 1.0,
                 "container": {"docker": {"image": "%s"}}}""".formatted(IMAGE));
        JsonNode running = awaitApp("crash", a -> a.path("tasksRunning").asInt() == 1);
        String firstTask = running.path("tasks").get(0).path("id").asText();
        JsonNode failed = awaitApp("crash", a -> a.path("lastTaskFailure").path("taskId").asText().equals(firstTask));
        assertThat(failed.path("lastTaskFailure").path("state").asText()).isEqualTo("TASK_FAILED");
        assertThat(failed.path("lastTaskFailure").path("message").asText()).isEqualTo("Container exited with status 3");
        JsonNode again = awaitApp("crash", a -> a.path("tasks").size() == 1
                && !a.path("tasks").get(0).path("id").asText().equals(firstTask));
        assertThat(again.path("instances").asInt()).isEqualTo(1);
        assertThat(containers("magnum.marathon.app=/crash")).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void stoppingTheBayRemovesEveryContainerItMade() throws IOException
    {
        call("POST", "/v2/apps", app("a", 2));
        call("POST", "/v2/apps", app("b", 1));
        awaitTrue(() -> containers("magnum.marathon.bay=" + bayUuid).size() == 3, "three containers");
        host.stop(bayUuid);
        assertThat(containers("magnum.marathon.bay=" + bayUuid)).isEmpty();
        assertThat(host.runsOnDocker(bayUuid)).isFalse();
    }

    @Test
    void localCloudRunsMesosBaysOnTheEngineAndRemovesTheirContainersOnClose() throws IOException
    {
        String uuid = UUID.randomUUID().toString();
        try (LocalCloud cloud = LocalCloud.create()) {
            base = cloud.coeHosting().orElseThrow().host(new HostedBay(uuid, "mesos", "172.24.4.3", SLAVES,
                    Optional.empty()));
            call("POST", "/v2/apps", app("web", 1));
            awaitApp("web", a -> a.path("tasksRunning").asInt() == 1);
            assertThat(containers("magnum.marathon.bay=" + uuid)).hasSize(1);
        }
        assertThat(containers("magnum.marathon.bay=" + uuid)).isEmpty();
    }

    @Test
    void aBayStartingAgainRemovesWhatADeadProcessLeftButNotWhatALiveOneRuns() throws IOException
    {
        String uuid = UUID.randomUUID().toString();
        String orphan = create(uuid, "2147483646");   // no such process
        String alive = create(uuid, Long.toString(ProcessHandle.current().pid()));
        try (MarathonHost again = new MarathonHost(DockerEngine.DEFAULT_HOST)) {
            again.start(new HostedBay(uuid, "mesos", "172.24.4.3", SLAVES, Optional.empty()));
            assertThat(containers("magnum.marathon.bay=" + uuid)).as("the orphan is gone; the other owner's stays")
                    .containsExactly(alive).doesNotContain(orphan);
        }
        finally {
            docker.call("DELETE", "/containers/" + alive + "?force=1", null);
            docker.call("DELETE", "/containers/" + orphan + "?force=1", null);
        }
        assertThat(containers("magnum.marathon.bay=" + uuid)).isEmpty();
    }

    // ---- helpers

    /** A stopped container that looks like one of a bay's tasks, made by another runner in the given process. */
    private String create(String bay, String pid) throws IOException
    {
        var body = json.createObjectNode();
        body.put("Image", IMAGE);
        body.putArray("Cmd").add("true");
        body.putObject("Labels").put("magnum.marathon.bay", bay).put("magnum.marathon.app", "/web")
                .put("magnum.marathon.owner", UUID.randomUUID().toString()).put("magnum.marathon.pid", pid);
        DockerEngine.Answer created = docker.call("POST", "/containers/create", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("Id").asText();
    }

    private static String app(String id, int instances)
    {
        return """
                {"id": "%s", "cmd": "sleep 3600", "mem": 32, "instances": %d,
                 "container": {"type": "DOCKER", "docker": {"image": "%s"}}}""".formatted(id, instances, IMAGE);
    }

    /** The ids of the containers, running or not, with that label. */
    static List<String> containers(String label) throws IOException
    {
        return docker.containersLabelled(label);
    }

    private static List<String> texts(JsonNode array)
    {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private List<String> taskIds(String id)
    {
        return taskIds(call("GET", "/v2/apps/" + id + "?embed=app.tasks", null).path("app"));
    }

    private static List<String> taskIds(JsonNode app)
    {
        List<String> ids = new ArrayList<>();
        app.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private JsonNode awaitApp(String id, Predicate<JsonNode> done)
    {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode app = null;
        while (System.nanoTime() < deadline) {
            app = call("GET", "/v2/apps/" + id + "?embed=app.tasks&embed=app.lastTaskFailure", null).path("app");
            if (done.test(app)) {
                return app;
            }
            sleep();
        }
        throw new AssertionError("app " + id + " did not get there within " + WAIT + "; last seen: " + app);
    }

    private interface Check
    {
        boolean holds() throws IOException;
    }

    private static void awaitTrue(Check check, String what) throws IOException
    {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            sleep();
        }
    }

    private static void sleep()
    {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int status(String method, String path)
    {
        return send(method, path, null).statusCode();
    }

    private JsonNode call(String method, String path, String body)
    {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        try {
            return json.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body)
    {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
