package io.magnum.engine.mesos;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;

import static java.util.Objects.requireNonNull;

/**
 * Containers as Marathon apps. A container is one top-level app ({@link MarathonAppId}) running its image with
 * Docker; the id {@link #create} returns, and every other verb takes, is the app id ({@code /redis}).
 *
 * <table>
 * <caption>verbs and Marathon calls</caption>
 * <tr><td>create</td><td>{@code POST /v2/apps}: image, cmd (Marathon runs it with {@code /bin/sh -c}), mem in MiB,
 * env, 1 instance, label {@code magnum.uuid}</td></tr>
 * <tr><td>inspect</td><td>{@code GET /v2/apps/{id}} with counts, deployments, tasks and the last task failure</td></tr>
 * <tr><td>start / stop</td><td>{@code PUT /v2/apps/{id}?force=true} with 1 / 0 instances (start leaves an app
 * that runs alone)</td></tr>
 * <tr><td>scale</td><td>{@code PUT /v2/apps/{id}?force=true} with the instances wanted</td></tr>
 * <tr><td>reboot</td><td>{@code POST /v2/apps/{id}/restart?force=true}</td></tr>
 * <tr><td>delete</td><td>{@code DELETE /v2/apps/{id}?force=true} (an app being deployed can still be deleted; one
 * already gone is fine)</td></tr>
 * </table>
 *
 * <p>Marathon has no pause, unpause, exec or logs: those keep the {@code UNSUPPORTED} defaults. Marathon refuses a
 * change while a deployment of the app runs unless it is forced; a user's verb is the latest word on the app, so
 * start, stop, scale and reboot force it (the running deployment is replaced), as a Marathon operator would.
 *
 * <p>Status: no instances wanted is {@code STOPPED}; a task running is {@code RUNNING}; none running after a task of
 * the current version failed is {@code ERROR} with Marathon's failure message; otherwise (staging, deploying) it is
 * {@code CREATING}.
 *
 * <p>Thread-safe: it holds no state beyond its HTTP client.
 */
final class MarathonApps implements ContainerEngine
{
    /** The label that carries magnum4j's uuid for the container. */
    static final String UUID_LABEL = "magnum.uuid";

    private static final String EMBED = "embed=app.counts&embed=app.deployments&embed=app.tasks&embed=app.lastTaskFailure";
    private static final String EMBED_LIST =
            "embed=apps.counts&embed=apps.deployments&embed=apps.tasks&embed=apps.lastTaskFailure";
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?");

    private final MarathonHttp http;

    /** @param http the API client, owned by the caller */
    MarathonApps(MarathonHttp http)
    {
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public ContainerState create(ContainerSpec spec)
    {
        requireNonNull(spec, "spec is null");
        String id = MarathonAppId.fromName(spec.name());
        if (spec.image().isBlank()) {
            throw CoeException.invalid("image", "a container needs an image");
        }
        ObjectNode app = http.object();
        app.put("id", id);
        spec.command().filter(c -> !c.isBlank()).ifPresent(c -> app.put("cmd", c));
        spec.memory().filter(m -> !m.isBlank()).ifPresent(m -> app.put("mem", memoryMib(m)));
        app.put("instances", 1);
        ObjectNode container = app.putObject("container");
        container.put("type", "DOCKER");
        container.putObject("docker").put("image", spec.image());
        ObjectNode env = app.putObject("env");
        spec.environment().forEach(env::put);
        app.putObject("labels").put(UUID_LABEL, spec.uuid());
        JsonNode created = http.call("POST", "/v2/apps", app).body();
        return state(created.isObject() ? created : app);
    }

    @Override
    public ContainerState inspect(String id)
    {
        return state(app(id));
    }

    /**
     * Every app that carries a magnum4j uuid, as Marathon lists them ({@code GET /v2/apps?label=magnum.uuid}).
     *
     * @return their states, keyed by magnum4j's uuid
     */
    Map<String, ContainerState> list()
    {
        JsonNode apps = http.call("GET", "/v2/apps?label=" + UUID_LABEL + "&" + EMBED_LIST, null).body().path("apps");
        Map<String, ContainerState> states = new java.util.LinkedHashMap<>();
        for (JsonNode app : apps) {
            String uuid = app.path("labels").path(UUID_LABEL).asText("");
            if (!uuid.isEmpty()) {
                states.put(uuid, state(app));
            }
        }
        return states;
    }

    @Override
    public void delete(String id)
    {
        String path = MarathonAppId.path(id);
        MarathonHttp.Response response = http.send("DELETE", "/v2/apps" + path + "?force=true", null);
        if (response.status() == 404 || response.status() / 100 == 2) {
            return;
        }
        throw http.error("DELETE", "/v2/apps" + path, response);
    }

    @Override
    public ContainerState start(String id)
    {
        JsonNode app = app(id);
        if (app.path("instances").asInt(0) > 0) {
            return state(app);
        }
        return instances(id, 1);
    }

    @Override
    public ContainerState stop(String id)
    {
        JsonNode app = app(id);
        if (app.path("instances").asInt(0) == 0) {
            return state(app);
        }
        return instances(id, 0);
    }

    @Override
    public ContainerState reboot(String id)
    {
        String path = MarathonAppId.path(id);
        http.call("POST", "/v2/apps" + path + "/restart?force=true", http.object());
        return inspect(id);
    }

    @Override
    public ContainerState scale(String id, int instances)
    {
        if (instances < 0) {
            throw CoeException.invalid("instances", "instances must be 0 or more, not " + instances);
        }
        app(id);
        return instances(id, instances);
    }

    /**
     * Sets the instances of an app known to exist: {@code PUT} on an unknown id would create an app in Marathon,
     * so callers read it first.
     */
    private ContainerState instances(String id, int instances)
    {
        ObjectNode body = http.object();
        body.put("instances", instances);
        http.call("PUT", "/v2/apps" + MarathonAppId.path(id) + "?force=true", body);
        return inspect(id);
    }

    private JsonNode app(String id)
    {
        String path = MarathonAppId.path(id);
        return http.call("GET", "/v2/apps" + path + "?" + EMBED, null).body().path("app");
    }

    /**
     * What an app's JSON says of the container.
     *
     * @param app an app as Marathon shows it (with counts, deployments, tasks and lastTaskFailure when embedded)
     * @return its state
     */
    static ContainerState state(JsonNode app)
    {
        String id = app.path("id").asText("");
        int instances = app.path("instances").asInt(0);
        int running = app.path("tasksRunning").asInt(0);
        Optional<String> host = Optional.empty();
        for (JsonNode task : app.path("tasks")) {
            String state = task.path("state").asText("TASK_RUNNING");
            if (state.equals("TASK_RUNNING") && !task.path("host").asText("").isEmpty()) {
                host = Optional.of(task.path("host").asText());
                break;
            }
        }
        if (instances == 0) {
            return new ContainerState(id, ContainerStatus.STOPPED, Optional.empty(), Optional.empty());
        }
        if (running > 0) {
            return new ContainerState(id, ContainerStatus.RUNNING, host, Optional.empty());
        }
        JsonNode failure = app.path("lastTaskFailure");
        if (failure.isObject() && failedThisVersion(app, failure)) {
            String reason = failure.path("message").asText("");
            String state = failure.path("state").asText("TASK_FAILED");
            return new ContainerState(id, ContainerStatus.ERROR, failure.path("host").asText("").isEmpty()
                    ? Optional.empty() : Optional.of(failure.path("host").asText()),
                    Optional.of(reason.isEmpty() ? state : state + ": " + reason));
        }
        return new ContainerState(id, ContainerStatus.CREATING, host, Optional.empty());
    }

    /** A failure of an older version says nothing of the version now being deployed. */
    private static boolean failedThisVersion(JsonNode app, JsonNode failure)
    {
        String failed = failure.path("version").asText("");
        String current = app.path("versionInfo").path("lastConfigChangeAt").asText(app.path("version").asText(""));
        return failed.isEmpty() || current.isEmpty() || failed.compareTo(current) >= 0;
    }

    /**
     * Docker's memory notation ({@code 512m}, {@code 1g}, {@code 65536k}, {@code 1048576} bytes) in Marathon's MiB.
     *
     * @param memory the limit
     * @return MiB
     * @throws CoeException {@code INVALID} (field {@code memory}) when it is not a size
     */
    static double memoryMib(String memory)
    {
        Matcher m = MEMORY.matcher(memory.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CoeException.invalid("memory", "memory '" + memory + "' is not a size such as 512m or 1g");
        }
        double value = Double.parseDouble(m.group(1));
        double mib = switch (m.group(2)) {
            case "g" -> value * 1024;
            case "m" -> value;
            case "k" -> value / 1024;
            default -> value / (1024 * 1024);
        };
        if (mib <= 0) {
            throw CoeException.invalid("memory", "memory '" + memory + "' must be more than 0");
        }
        return mib;
    }
}
