package io.magnum.local.coe.marathon;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.magnum.local.coe.LocalCoeHosting;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.cloud.CoeHosting.HostedBay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in's answers, checked against the shapes of Marathon's REST documentation. */
class MarathonHostTest
{
    private static final Duration DEPLOYMENT = Duration.ofSeconds(2);
    private static final String VERSION = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2016-03-01T10:00:00Z"));
    private MarathonHost host;
    private String base;

    private record Answer(int status, JsonNode body, String text, HttpResponse<String> response)
    {
    }

    @BeforeEach
    void start()
    {
        host = new MarathonHost(DEPLOYMENT, clock);
        base = host.start(bay("6f1c7b8e-0000-4000-8000-000000000001"));
    }

    @AfterEach
    void stop()
    {
        host.close();
    }

    @Test
    void servesPlainHttpOnLoopbackWithAnEphemeralPort()
    {
        assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(host.coe()).isEqualTo("mesos");
        assertThat(host.start(bay("6f1c7b8e-0000-4000-8000-000000000001"))).as("idempotent per bay").isEqualTo(base);
    }

    @Test
    void pingAndInfo()
    {
        Answer ping = call("GET", "/ping", null);
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.text()).isEqualTo("pong");
        assertThat(ping.response().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));

        Answer info = call("GET", "/v2/info", null);
        assertThat(info.status()).isEqualTo(200);
        int port = URI.create(base).getPort();
        assertThat(info.body().path("name").asText()).isEqualTo("marathon");
        assertThat(info.body().path("version").asText()).isNotEmpty();
        assertThat(info.body().path("elected").asBoolean()).isTrue();
        assertThat(info.body().path("leader").asText()).isEqualTo("127.0.0.1:" + port);
        assertThat(info.body().path("frameworkId").asText()).isNotEmpty();
        assertThat(info.body().path("marathon_config").path("master").asText()).isEqualTo("zk://172.24.4.3:2181/mesos");
        assertThat(info.body().path("http_config").path("http_port").asInt()).isEqualTo(port);
    }

    @Test
    void createAnswers201WithTheAppItsVersionAndDeployment()
    {
        Answer created = call("POST", "/v2/apps", """
                {"id": "redis", "cmd": "redis-server", "mem": 512, "instances": 1,
                 "container": {"docker": {"image": "redis:3.0"}},
                 "env": {"A": "1"}, "labels": {"magnum.uuid": "u-1"}}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode app = created.body();
        assertThat(app.path("id").asText()).isEqualTo("/redis");
        assertThat(app.path("cmd").asText()).isEqualTo("redis-server");
        assertThat(app.path("mem").asDouble()).isEqualTo(512.0);
        assertThat(app.path("cpus").asDouble()).isEqualTo(1.0);
        assertThat(app.path("instances").asInt()).isEqualTo(1);
        assertThat(app.path("container").path("type").asText()).isEqualTo("DOCKER");
        assertThat(app.path("container").path("docker").path("image").asText()).isEqualTo("redis:3.0");
        assertThat(app.path("container").path("volumes").isArray()).isTrue();
        assertThat(app.path("env").path("A").asText()).isEqualTo("1");
        assertThat(app.path("labels").path("magnum.uuid").asText()).isEqualTo("u-1");
        assertThat(app.path("version").asText()).matches(VERSION);
        assertThat(app.path("upgradeStrategy").path("minimumHealthCapacity").asDouble()).isEqualTo(1.0);
        assertThat(app.path("deployments")).hasSize(1);
        String deployment = app.path("deployments").get(0).path("id").asText();
        assertThat(created.response().headers().firstValue("Location")).hasValue(base + "/v2/apps/redis");
        assertThat(created.response().headers().firstValue("Marathon-Deployment-Id")).hasValue(deployment);

        JsonNode shown = call("GET", "/v2/apps/redis", null).body().path("app");
        assertThat(shown.path("tasksRunning").asInt()).isZero();
        assertThat(shown.path("tasksStaged").asInt()).isEqualTo(1);
        assertThat(shown.path("tasksHealthy").asInt()).isZero();
        assertThat(shown.path("tasksUnhealthy").asInt()).isZero();
        assertThat(shown.path("deployments").get(0).path("id").asText()).isEqualTo(deployment);

        JsonNode deployments = call("GET", "/v2/deployments", null).body();
        assertThat(deployments).hasSize(1);
        JsonNode d = deployments.get(0);
        assertThat(d.path("id").asText()).isEqualTo(deployment);
        assertThat(d.path("version").asText()).matches(VERSION);
        assertThat(d.path("affectedApps").get(0).asText()).isEqualTo("/redis");
        assertThat(d.path("steps").get(0).path("actions").get(0).path("action").asText()).isEqualTo("StartApplication");
        assertThat(d.path("currentActions").get(0).path("app").asText()).isEqualTo("/redis");
        assertThat(d.path("currentStep").asInt()).isEqualTo(1);
        assertThat(d.path("totalSteps").asInt()).isEqualTo(1);

        clock.advance(DEPLOYMENT);
        JsonNode running = call("GET", "/v2/apps/redis?embed=app.tasks", null).body().path("app");
        assertThat(running.path("tasksRunning").asInt()).isEqualTo(1);
        assertThat(running.path("tasksStaged").asInt()).isZero();
        assertThat(running.path("deployments")).isEmpty();
        JsonNode task = running.path("tasks").get(0);
        assertThat(task.path("appId").asText()).isEqualTo("/redis");
        assertThat(task.path("id").asText()).startsWith("redis.");
        assertThat(task.path("host").asText()).isIn("10.0.0.5", "10.0.0.6");
        assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(task.path("startedAt").asText()).matches(VERSION);
        assertThat(call("GET", "/v2/apps/redis", null).body().path("app").has("tasks")).as("tasks only when embedded").isFalse();
        assertThat(call("GET", "/v2/deployments", null).body()).isEmpty();
    }

    @Test
    void aDuplicateIdIs409()
    {
        assertThat(call("POST", "/v2/apps", app("web")).status()).isEqualTo(201);
        Answer again = call("POST", "/v2/apps", app("/web"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("message").asText()).isEqualTo("An app with id [/web] already exists.");
    }

    @Test
    void invalidDefinitionsAre422AndBadJsonIs400()
    {
        Answer badId = call("POST", "/v2/apps", app("My_App"));
        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.body().path("message").asText()).isEqualTo("Object is not valid");
        assertThat(badId.body().path("details").get(0).path("path").asText()).isEqualTo("/id");
        assertThat(badId.body().path("details").get(0).path("errors").get(0).asText())
                .startsWith("must fully match regular expression");

        Answer reserved = call("POST", "/v2/apps", app("tasks"));
        assertThat(reserved.status()).isEqualTo(422);
        assertThat(reserved.body().path("details").get(0).path("errors").get(0).asText()).contains("reserved");

        Answer negative = call("POST", "/v2/apps", """
                {"id": "n", "cmd": "sleep 1", "instances": -1}""");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.body().path("details").get(0).path("path").asText()).isEqualTo("/instances");

        Answer nothingToRun = call("POST", "/v2/apps", """
                {"id": "empty"}""");
        assertThat(nothingToRun.status()).isEqualTo(422);
        assertThat(nothingToRun.body().path("details").get(0).path("path").asText()).isEqualTo("/");

        Answer noImage = call("POST", "/v2/apps", """
                {"id": "noimage", "container": {"type": "DOCKER", "docker": {"image": ""}}}""");
        assertThat(noImage.status()).isEqualTo(422);
        assertThat(noImage.body().path("details").get(0).path("path").asText()).isEqualTo("/container/docker/image");

        Answer wrongType = call("POST", "/v2/apps", """
                {"id": "t", "cmd": "sleep 1", "instances": "two"}""");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("message").asText()).isEqualTo("Invalid JSON");
        assertThat(wrongType.body().path("details").get(0).path("errors").get(0).asText()).isEqualTo("error.expected.jsnumber");

        assertThat(call("POST", "/v2/apps", "not json").status()).isEqualTo(400);
        assertThat(call("GET", "/v2/apps", null).body().path("apps")).isEmpty();
    }

    @Test
    void anUnknownAppIs404WithMarathonsMessage()
    {
        for (String[] call : List.of(new String[]{"GET", "/v2/apps/nope"}, new String[]{"DELETE", "/v2/apps/nope"},
                new String[]{"POST", "/v2/apps/nope/restart"}, new String[]{"GET", "/v2/apps/nope/tasks"})) {
            Answer answer = call(call[0], call[1], call[0].equals("POST") ? "{}" : null);
            assertThat(answer.status()).as(String.join(" ", call)).isEqualTo(404);
            assertThat(answer.body().path("message").asText()).isEqualTo("App '/nope' does not exist");
        }
    }

    @Test
    void changesDuringADeploymentAre409UnlessForced()
    {
        call("POST", "/v2/apps", app("web"));
        Answer locked = call("PUT", "/v2/apps/web", "{\"instances\": 3}");
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.body().path("message").asText()).contains("locked").contains("force=true");
        assertThat(locked.body().path("deployments").get(0).path("id").asText()).isNotEmpty();
        assertThat(call("POST", "/v2/apps/web/restart", "{}").status()).isEqualTo(409);
        assertThat(call("DELETE", "/v2/apps/web", null).status()).isEqualTo(409);

        Answer forced = call("PUT", "/v2/apps/web?force=true", "{\"instances\": 3}");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body().path("deploymentId").asText()).isNotEmpty();
        assertThat(forced.body().path("version").asText()).matches(VERSION);
        assertThat(forced.response().headers().firstValue("Marathon-Deployment-Id"))
                .hasValue(forced.body().path("deploymentId").asText());
        assertThat(call("GET", "/v2/deployments", null).body()).as("the forced deployment replaced the first").hasSize(1);
        clock.advance(DEPLOYMENT);
        assertThat(call("GET", "/v2/apps/web", null).body().path("app").path("tasksRunning").asInt()).isEqualTo(3);
    }

    @Test
    void scaleRestartAndUpdate()
    {
        call("POST", "/v2/apps", app("web"));
        clock.advance(DEPLOYMENT);
        JsonNode before = show("web");
        String configChangedAt = before.path("versionInfo").path("lastConfigChangeAt").asText();

        clock.advance(Duration.ofSeconds(1));
        assertThat(call("PUT", "/v2/apps/web", "{\"instances\": 0}").status()).isEqualTo(200);
        JsonNode stopping = show("web");
        assertThat(stopping.path("instances").asInt()).isZero();
        assertThat(stopping.path("tasksRunning").asInt()).as("until the deployment ends").isEqualTo(1);
        clock.advance(DEPLOYMENT);
        JsonNode stopped = show("web");
        assertThat(stopped.path("tasksRunning").asInt()).isZero();
        assertThat(stopped.path("versionInfo").path("lastConfigChangeAt").asText()).isEqualTo(configChangedAt);
        assertThat(stopped.path("versionInfo").path("lastScalingAt").asText()).isEqualTo(stopped.path("version").asText())
                .isNotEqualTo(configChangedAt);

        call("PUT", "/v2/apps/web", "{\"instances\": 2}");
        clock.advance(DEPLOYMENT);
        List<String> tasks = taskIds("web");
        assertThat(tasks).hasSize(2);

        Answer restart = call("POST", "/v2/apps/web/restart", "{}");
        assertThat(restart.status()).isEqualTo(200);
        assertThat(restart.body().path("deploymentId").asText()).isNotEmpty();
        assertThat(restart.body().path("version").asText()).matches(VERSION);
        clock.advance(DEPLOYMENT);
        assertThat(taskIds("web")).hasSize(2).doesNotContainAnyElementsOf(tasks);

        clock.advance(Duration.ofSeconds(1));
        assertThat(call("PUT", "/v2/apps/web", "{\"cmd\": \"sleep 100\"}").status()).isEqualTo(200);
        JsonNode changed = show("web");
        assertThat(changed.path("cmd").asText()).isEqualTo("sleep 100");
        assertThat(changed.path("instances").asInt()).isEqualTo(2);
        assertThat(changed.path("versionInfo").path("lastConfigChangeAt").asText()).isNotEqualTo(configChangedAt);

        clock.advance(DEPLOYMENT);
        Answer invalid = call("PUT", "/v2/apps/web", "{\"instances\": -2}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(show("web").path("instances").asInt()).isEqualTo(2);
    }

    @Test
    void putOnAnUnknownIdCreatesTheApp()
    {
        Answer created = call("PUT", "/v2/apps/fresh", "{\"cmd\": \"sleep 1\", \"instances\": 2}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("deploymentId").asText()).isNotEmpty();
        assertThat(show("fresh").path("instances").asInt()).isEqualTo(2);
        assertThat(call("PUT", "/v2/apps/other", "{\"instances\": 2}").status()).as("nothing to run").isEqualTo(422);
    }

    @Test
    void deleteStartsAStopDeploymentAndTheAppIsGone()
    {
        call("POST", "/v2/apps", app("web"));
        clock.advance(DEPLOYMENT);
        Answer deleted = call("DELETE", "/v2/apps/web", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("deploymentId").asText()).isNotEmpty();
        assertThat(deleted.body().path("version").asText()).matches(VERSION);
        assertThat(call("GET", "/v2/apps/web", null).status()).isEqualTo(404);
        JsonNode deployments = call("GET", "/v2/deployments", null).body();
        assertThat(deployments.get(0).path("steps").get(0).path("actions").get(0).path("action").asText())
                .isEqualTo("StopApplication");
        clock.advance(DEPLOYMENT);
        assertThat(call("GET", "/v2/deployments", null).body()).isEmpty();
        assertThat(call("DELETE", "/v2/apps/web", null).status()).isEqualTo(404);

        call("POST", "/v2/apps", app("busy"));
        assertThat(call("DELETE", "/v2/apps/busy?force=true", null).status()).as("force wins over a deployment").isEqualTo(200);
    }

    @Test
    void listFiltersByIdAndLabel()
    {
        call("POST", "/v2/apps", app("a1"));
        call("POST", "/v2/apps", """
                {"id": "b1", "cmd": "sleep 1", "labels": {"magnum.uuid": "u-b"}}""");
        JsonNode all = call("GET", "/v2/apps?embed=apps.counts&embed=apps.tasks", null).body().path("apps");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).has("tasksRunning")).isTrue();
        assertThat(all.get(0).path("tasks").isArray()).isTrue();
        assertThat(call("GET", "/v2/apps?label=magnum.uuid", null).body().path("apps"))
                .singleElement().satisfies(a -> assertThat(a.path("id").asText()).isEqualTo("/b1"));
        assertThat(call("GET", "/v2/apps?label=magnum.uuid==u-x", null).body().path("apps")).isEmpty();
        assertThat(call("GET", "/v2/apps?id=a", null).body().path("apps"))
                .singleElement().satisfies(a -> assertThat(a.path("id").asText()).isEqualTo("/a1"));
    }

    @Test
    void unknownRoutesAndMethods()
    {
        assertThat(call("GET", "/v2/nothing", null).status()).isEqualTo(404);
        assertThat(call("PATCH", "/v2/info", "{}").status()).isEqualTo(405);
    }

    @Test
    void stopFreesThePortAndCloseStopsEveryBay() throws IOException
    {
        int port = URI.create(base).getPort();
        String other = host.start(bay("6f1c7b8e-0000-4000-8000-000000000002"));
        assertThat(host.bays()).hasSize(2);

        host.stop("6f1c7b8e-0000-4000-8000-000000000001");
        assertThatThrownBy(() -> call("GET", "/ping", null)).hasCauseInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        host.stop("6f1c7b8e-0000-4000-8000-000000000001");   // nothing left: no error

        host.close();
        assertThat(host.bays()).isEmpty();
        base = other;
        assertThatThrownBy(() -> call("GET", "/ping", null)).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void ignoresServerTlsBecauseMesosBaysHaveNone()
    {
        String address = host.start(new HostedBay("6f1c7b8e-0000-4000-8000-000000000003", "mesos", "172.24.4.9",
                List.of(), Optional.of(new BayEndpoint.Tls("ca", "cert", "key"))));
        assertThat(address).startsWith("http://127.0.0.1:");
        base = address;
        assertThat(call("GET", "/ping", null).text()).isEqualTo("pong");
    }

    @Test
    void withoutADockerEngineItSimulatesTasks()
    {
        try (MarathonHost noEngine = new MarathonHost("unix:///nonexistent/magnum4j/docker.sock")) {
            String uuid = "6f1c7b8e-0000-4000-8000-000000000005";
            base = noEngine.start(bay(uuid));
            assertThat(noEngine.runsOnDocker(uuid)).isFalse();
            assertThat(call("POST", "/v2/apps", app("web")).status()).isEqualTo(201);
            JsonNode running = null;
            for (int i = 0; i < 100; i++) {
                running = call("GET", "/v2/apps/web?embed=app.tasks&embed=app.lastTaskFailure", null).body().path("app");
                if (running.path("tasksRunning").asInt() == 1) {
                    break;
                }
                sleep();
            }
            assertThat(running.path("tasksRunning").asInt()).as("a simulated deployment ends on its timer").isEqualTo(1);
            assertThat(running.path("tasks").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(running.has("lastTaskFailure")).as("a simulated task never fails").isFalse();
        }
        assertThatThrownBy(() -> new MarathonHost("http://docker")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isFoundByLocalCloudsHosting()
    {
        try (LocalCoeHosting hosting = LocalCoeHosting.discover()) {
            assertThat(hosting.coes()).contains("mesos");
            String address = hosting.host(bay("6f1c7b8e-0000-4000-8000-000000000004"));
            assertThat(address).matches("http://127\\.0\\.0\\.1:\\d+");
            base = address;
            assertThat(call("GET", "/ping", null).status()).isEqualTo(200);
            hosting.release("6f1c7b8e-0000-4000-8000-000000000004");
            assertThatThrownBy(() -> call("GET", "/ping", null)).hasCauseInstanceOf(ConnectException.class);
        }
    }

    // ---- helpers

    private static HostedBay bay(String uuid)
    {
        return new HostedBay(uuid, "mesos", "172.24.4.3", List.of("10.0.0.5", "10.0.0.6"), Optional.empty());
    }

    private static String app(String id)
    {
        return "{\"id\": \"" + id + "\", \"cmd\": \"sleep 1000\", \"container\": {\"docker\": {\"image\": \"busybox\"}}}";
    }

    private static void sleep()
    {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode show(String id)
    {
        Answer answer = call("GET", "/v2/apps/" + id, null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().path("app");
    }

    private List<String> taskIds(String id)
    {
        List<String> ids = new ArrayList<>();
        call("GET", "/v2/apps/" + id + "/tasks", null).body().path("tasks").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private Answer call(String method, String path, String body)
    {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode parsed;
            try {
                parsed = response.body().isEmpty() ? json.missingNode() : json.readTree(response.body());
            }
            catch (IOException e) {
                parsed = json.missingNode();
            }
            return new Answer(response.statusCode(), parsed, response.body(), response);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
