package io.magnum.local.coe.marathon;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.magnum.local.coe.docker.DockerEngine;

import static java.util.Objects.requireNonNull;

/**
 * Runs one bay's Marathon apps that have a Docker image as containers on this machine's Docker engine, the way a
 * Mesos slave's Docker containerizer would, and reports what the engine says back to the {@link MarathonApi}.
 *
 * <p>One thread per bay compares what is wanted ({@link MarathonApi#wants()}) with the containers the engine has
 * that carry the bay's label, acts, lists them again and reports ({@link MarathonApi#observed}). It looks every
 * {@value #BUSY_MILLIS} ms while something is on its way (a deployment, a relaunch) and every second otherwise, or at
 * once when a request changed something.
 *
 * <ul>
 * <li>Each task is a container named {@code magnum-marathon-<bay>-<task id>} made from the app's image: its
 * {@code cmd} runs as {@code /bin/sh -c cmd} (Mesos' Docker containerizer sets that entrypoint for a shell command),
 * else its {@code args} are the container's command, else the image's own runs; {@code env}, {@code mem} (MiB) and
 * {@code cpus} (as {@code 1024} CPU shares each, as Mesos does) apply; labels {@value #BAY_LABEL}, {@value #APP_LABEL},
 * {@value #TASK_LABEL} and the versions find it again. It is then started.</li>
 * <li>A task's state is the container's: {@code created} is {@code TASK_STAGING}, {@code restarting}
 * {@code TASK_STARTING}, {@code running} and {@code paused} {@code TASK_RUNNING}; {@code stagedAt} and
 * {@code startedAt} are the container's created and started times and its first IP address is the task's. Its
 * {@code host} is the bay slave it was placed on (the bay's node addresses in turn): this one engine stands in for all
 * of them.</li>
 * <li>A container that exits is a task that ended: {@code TASK_FINISHED} with status 0, else {@code TASK_FAILED}
 * ("Container exited with status N"), which becomes the app's {@code lastTaskFailure}. Like Marathon, the stand-in
 * drops it from the tasks (its container is removed) and launches a new task, after Marathon's launch backoff
 * ({@code backoffSeconds}, times {@code backoffFactor} for each further end, at most
 * {@code maxLaunchDelaySeconds}; a new launch version starts again).</li>
 * <li>An image the engine does not have is never pulled (no registry is reachable): the launch fails, the app's
 * {@code lastTaskFailure} says so ({@code TASK_FAILED}), and it is tried again after the backoff, as Marathon keeps
 * trying. So does an engine that refuses to create or start the container.</li>
 * <li>Scaling up starts more containers; scaling down removes the youngest; a restart or a new definition starts
 * new containers and removes the old ones once the new ones all run; instances 0 and a deleted app remove them all.
 * Removing is {@code docker rm -f}.</li>
 * </ul>
 *
 * <p>{@link #close()} stops the thread and removes every container it made, whatever happened before; {@link #start}
 * removes the ones a process that died left for the same bay. Containers are told apart by an owner label, one per
 * runner, so two processes serving bays of the same uuid on one engine (two test runs at once) never touch each
 * other's.
 */
final class DockerTasks implements AutoCloseable
{
    /** The label with the bay's uuid, on every container of the bay. */
    static final String BAY_LABEL = "magnum.marathon.bay";
    /**
     * The label with the runner that made the container (one per bay and process): two processes that serve a bay of
     * the same uuid on this engine (two test runs at once) leave each other's containers alone.
     */
    static final String OWNER_LABEL = "magnum.marathon.owner";
    /** The label with the id of the process that made the container. */
    static final String PID_LABEL = "magnum.marathon.pid";
    /** The label with the app's id, such as {@code /redis}. */
    static final String APP_LABEL = "magnum.marathon.app";
    /** The label with Marathon's task id. */
    static final String TASK_LABEL = "magnum.marathon.task";
    /** The label with the app version the task was launched with. */
    static final String VERSION_LABEL = "magnum.marathon.version";
    /** The label with the launch version (the last restart or change of definition) the task belongs to. */
    static final String LAUNCH_LABEL = "magnum.marathon.launch_version";
    /** The label with when the task was launched, in nanoseconds since the epoch: the order of the tasks. */
    static final String LAUNCHED_LABEL = "magnum.marathon.launched";
    /** The label with the bay slave the task is placed on. */
    static final String HOST_LABEL = "magnum.marathon.host";
    /** The prefix of every container name. */
    static final String NAME_PREFIX = "magnum-marathon-";

    static final long BUSY_MILLIS = 100;
    private static final long IDLE_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(DockerTasks.class);

    /**
     * What one app wants, as {@link MarathonApi#wants()} saw it.
     *
     * @param appId         its id
     * @param definition    its definition (image, cmd, args, env, mem, ...)
     * @param instances     how many tasks
     * @param version       its version, for new tasks
     * @param launchVersion the launch version its tasks must have
     */
    record Want(String appId, ObjectNode definition, int instances, String version, String launchVersion)
    {
    }

    /** A container of the bay, as the engine lists it. */
    private record Container(String id, Map<String, String> labels, String state, long created)
    {
        /** When it was launched, for the order of the tasks (the engine lists creation times in seconds only). */
        long launched()
        {
            try {
                return Long.parseLong(labels.getOrDefault(LAUNCHED_LABEL, ""));
            }
            catch (NumberFormatException e) {
                return created * 1_000_000_000L;
            }
        }

        String app()
        {
            return labels.getOrDefault(APP_LABEL, "");
        }

        boolean ended()
        {
            return state.equals("exited") || state.equals("dead");
        }
    }

    /** What one inspection of a container said, kept until it changes state. */
    private record Seen(String state, String stagedAt, String startedAt, String ip)
    {
    }

    /** Marathon's launch backoff of one app. */
    private static final class Backoff
    {
        String launchVersion;
        int ends;
        Instant notBefore = Instant.EPOCH;
    }

    private final String bayUuid;
    private final String shortBay;
    private final DockerEngine docker;
    private final MarathonApi api;
    private final List<String> slaves;
    private final String owner = UUID.randomUUID().toString();
    private final Thread thread;
    private final Object signal = new Object();
    private boolean changed;
    private volatile boolean closed;
    /** Touched by the runner thread only. */
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private final Map<String, StandInApp.Failure> failures = new HashMap<>();
    private final Set<String> warned = new HashSet<>();
    private int nextSlave;

    private DockerTasks(String bayUuid, DockerEngine docker, MarathonApi api, List<String> slaves)
    {
        this.bayUuid = bayUuid;
        this.shortBay = bayUuid.substring(0, Math.min(8, bayUuid.length()));
        this.docker = docker;
        this.api = api;
        this.slaves = List.copyOf(slaves);
        this.thread = new Thread(this::run, "magnum-marathon-" + shortBay + "-docker");
        this.thread.setDaemon(true);
    }

    /**
     * Removes what a previous process left for this bay, then starts running the API's apps on the engine.
     *
     * @param bayUuid the bay
     * @param docker  the engine
     * @param api     the bay's API, switched to observing the engine
     * @param slaves  the bay's node addresses, where tasks are placed
     * @return the running runner
     */
    static DockerTasks start(String bayUuid, DockerEngine docker, MarathonApi api, List<String> slaves)
    {
        DockerTasks tasks = new DockerTasks(requireNonNull(bayUuid, "bayUuid is null"),
                requireNonNull(docker, "docker is null"), requireNonNull(api, "api is null"),
                requireNonNull(slaves, "slaves is null"));
        int left = tasks.removeOrphans();
        if (left > 0) {
            log.info("Bay {}: removed {} container(s) a previous Marathon stand-in left", bayUuid, left);
        }
        api.observeDocker(tasks::wake);
        tasks.thread.start();
        return tasks;
    }

    /** Makes the runner look again now. */
    void wake()
    {
        synchronized (signal) {
            changed = true;
            signal.notifyAll();
        }
    }

    private void run()
    {
        while (!closed) {
            boolean busy;
            try {
                busy = pass();
                warned.remove("pass");
            }
            catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (warned.add("pass")) {
                    log.warn("Bay {}: the Marathon stand-in cannot reach the Docker engine at {}: {}", bayUuid,
                            docker.address(), e.toString());
                }
                busy = false;
            }
            synchronized (signal) {
                if (!changed && !closed) {
                    try {
                        signal.wait(busy ? BUSY_MILLIS : IDLE_MILLIS);
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
                changed = false;
            }
        }
    }

    /**
     * One look: reap, act, report.
     *
     * @return whether something is still on its way
     */
    private boolean pass() throws IOException
    {
        List<Want> wants = api.wants();
        Map<String, Want> byApp = new HashMap<>();
        wants.forEach(w -> byApp.put(w.appId(), w));
        Instant now = Instant.now();
        boolean busy = false;

        List<Container> live = new ArrayList<>();
        for (Container c : list(true)) {
            Want want = byApp.get(c.app());
            if (c.ended()) {
                if (want != null) {
                    ended(c, want, now);
                }
                remove(c.id());
                busy = true;
            }
            else if (want == null) {
                remove(c.id());
                busy = true;
            }
            else {
                live.add(c);
            }
        }

        for (Want want : wants) {
            List<Container> mine = new ArrayList<>(live.stream().filter(c -> c.app().equals(want.appId())).toList());
            mine.sort(Comparator.comparingLong(Container::launched));
            List<Container> current = new ArrayList<>();
            List<Container> old = new ArrayList<>();
            for (Container c : mine) {
                (want.launchVersion().equals(c.labels().get(LAUNCH_LABEL)) ? current : old).add(c);
            }
            if (want.instances() == 0) {
                for (Container c : mine) {
                    remove(c.id());
                    busy = true;
                }
                continue;
            }
            while (current.size() > want.instances()) {
                remove(current.remove(current.size() - 1).id());   // YOUNGEST_FIRST
                busy = true;
            }
            if (current.size() < want.instances()) {
                busy = true;
                Backoff backoff = backoff(want);
                if (!now.isBefore(backoff.notBefore)) {
                    for (int i = current.size(); i < want.instances() && !closed; i++) {
                        if (!launch(want)) {
                            break;
                        }
                    }
                }
            }
            else if (current.stream().allMatch(c -> c.state().equals("running"))) {
                for (Container c : old) {
                    remove(c.id());   // the new tasks run: the old ones go
                    busy = true;
                }
            }
            else {
                busy = true;
            }
        }

        Map<String, List<StandInApp.Task>> tasks = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        List<Container> after = new ArrayList<>(list(true));
        after.sort(Comparator.comparingLong(Container::launched));
        for (Container c : after) {
            present.add(c.id());
            StandInApp.Task task = task(c);
            if (task != null) {
                tasks.computeIfAbsent(c.app(), a -> new ArrayList<>()).add(task);
                busy |= !task.running();
            }
        }
        seen.keySet().retainAll(present);
        Map<String, StandInApp.Failure> reported = Map.copyOf(failures);
        failures.clear();
        api.observed(tasks, reported);
        return busy;
    }

    /** A container that ended: a finished or failed task, and the app's backoff grows. */
    private void ended(Container c, Want want, Instant now) throws IOException
    {
        DockerEngine.Answer inspected = docker.call("GET", "/containers/" + c.id() + "/json", null);
        JsonNode state = inspected.body().path("State");
        int code = state.path("ExitCode").asInt(-1);
        String taskId = c.labels().getOrDefault(TASK_LABEL, c.id());
        String error = state.path("Error").asText("");
        boolean oom = state.path("OOMKilled").asBoolean(false);
        String finished = marathonTime(state.path("FinishedAt").asText(""), now);
        if (code != 0 || oom || !error.isEmpty()) {
            String message = oom ? "Memory limit exceeded: container exited with status " + code
                    : "Container exited with status " + code + (error.isEmpty() ? "" : ": " + error);
            failures.put(want.appId(), new StandInApp.Failure(taskId, c.labels().getOrDefault(HOST_LABEL, host()),
                    "TASK_FAILED", message, finished, c.labels().getOrDefault(VERSION_LABEL, want.version())));
            log.info("Bay {}: task {} of {} failed ({}); Marathon launches another", bayUuid, taskId, want.appId(),
                    message);
        }
        else {
            log.info("Bay {}: task {} of {} finished (status 0); Marathon launches another", bayUuid, taskId,
                    want.appId());
        }
        if (want.launchVersion().equals(c.labels().get(LAUNCH_LABEL))) {
            delay(want, now);
        }
    }

    /**
     * Launches one task.
     *
     * @return whether it was created and started
     */
    private boolean launch(Want want) throws IOException
    {
        String image = want.definition().path("container").path("docker").path("image").asText("");
        String appPath = want.appId().substring(1).replace('/', '_');
        String taskId = appPath + "." + UUID.randomUUID();
        String host = host();
        ObjectNode body = docker.json().createObjectNode();
        body.put("Image", image);
        String cmd = want.definition().path("cmd").asText("");
        JsonNode args = want.definition().path("args");
        if (!cmd.isBlank()) {
            body.putArray("Entrypoint").add("/bin/sh");
            body.putArray("Cmd").add("-c").add(cmd);
        }
        else if (args.isArray() && !args.isEmpty()) {
            ArrayNode command = body.putArray("Cmd");
            args.forEach(a -> command.add(a.asText()));
        }
        ArrayNode env = body.putArray("Env");
        want.definition().path("env").properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                env.add(e.getKey() + "=" + e.getValue().asText());
            }
        });
        env.add("MARATHON_APP_ID=" + want.appId());
        env.add("MARATHON_APP_VERSION=" + want.version());
        env.add("MESOS_TASK_ID=" + taskId);
        env.add("HOST=" + host);
        ObjectNode labels = body.putObject("Labels");
        labels.put(BAY_LABEL, bayUuid);
        labels.put(OWNER_LABEL, owner);
        labels.put(PID_LABEL, Long.toString(ProcessHandle.current().pid()));
        labels.put(APP_LABEL, want.appId());
        labels.put(TASK_LABEL, taskId);
        labels.put(VERSION_LABEL, want.version());
        labels.put(LAUNCH_LABEL, want.launchVersion());
        labels.put(HOST_LABEL, host);
        Instant launched = Instant.now();
        labels.put(LAUNCHED_LABEL, Long.toString(launched.getEpochSecond() * 1_000_000_000L + launched.getNano()));
        ObjectNode hostConfig = body.putObject("HostConfig");
        double mem = want.definition().path("mem").asDouble(128.0);
        hostConfig.put("Memory", (long) (mem * 1024 * 1024));
        double cpus = want.definition().path("cpus").asDouble(1.0);
        hostConfig.put("CpuShares", Math.max(2, Math.round(cpus * 1024)));
        String name = NAME_PREFIX + shortBay + "-" + taskId;

        DockerEngine.Answer created = docker.call("POST", "/containers/create?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8), body);
        if (!created.ok()) {
            String why = created.status() == 404
                    ? "Failed to launch container: image '" + image + "' is not on this machine's Docker engine and"
                            + " LocalCloud pulls no image (" + created.message() + ")"
                    : "Failed to launch container: the Docker engine refused to create it (" + created.status() + " "
                            + created.message() + ")";
            launchFailed(want, taskId, host, why);
            return false;
        }
        String id = created.body().path("Id").asText("");
        if (closed) {
            remove(id);
            return false;
        }
        DockerEngine.Answer started = docker.call("POST", "/containers/" + id + "/start", null);
        if (!started.ok() && started.status() != 304) {
            remove(id);
            launchFailed(want, taskId, host, "Failed to launch container: the Docker engine could not start it ("
                    + started.status() + " " + started.message() + ")");
            return false;
        }
        log.debug("Bay {}: task {} of {} is container {} ({})", bayUuid, taskId, want.appId(), name, id);
        return true;
    }

    private void launchFailed(Want want, String taskId, String host, String why)
    {
        Instant now = Instant.now();
        failures.put(want.appId(), new StandInApp.Failure(taskId, host, "TASK_FAILED", why, MarathonApi.format(now),
                want.version()));
        delay(want, now);
        if (warned.add(want.appId() + " " + want.launchVersion())) {
            log.info("Bay {}: app {} cannot launch a task: {}; Marathon keeps trying", bayUuid, want.appId(), why);
        }
    }

    private Backoff backoff(Want want)
    {
        Backoff backoff = backoffs.computeIfAbsent(want.appId(), a -> new Backoff());
        if (!want.launchVersion().equals(backoff.launchVersion)) {
            backoff.launchVersion = want.launchVersion();
            backoff.ends = 0;
            backoff.notBefore = Instant.EPOCH;
        }
        return backoff;
    }

    /** Marathon's launch delay: backoffSeconds * backoffFactor^(ends - 1), at most maxLaunchDelaySeconds. */
    private void delay(Want want, Instant now)
    {
        Backoff backoff = backoff(want);
        double seconds = want.definition().path("backoffSeconds").asDouble(1.0)
                * Math.pow(want.definition().path("backoffFactor").asDouble(1.15), backoff.ends);
        seconds = Math.min(seconds, want.definition().path("maxLaunchDelaySeconds").asDouble(3600.0));
        backoff.ends++;
        backoff.notBefore = now.plus(Duration.ofMillis((long) (seconds * 1000)));
    }

    /** The task a live container is, or null for one that ended meanwhile. */
    private StandInApp.Task task(Container c) throws IOException
    {
        String state = switch (c.state()) {
            case "created" -> "TASK_STAGING";
            case "restarting" -> "TASK_STARTING";
            case "running", "paused" -> "TASK_RUNNING";
            case "removing" -> "TASK_KILLING";
            default -> null;
        };
        if (state == null) {
            return null;
        }
        Seen known = seen.get(c.id());
        if (known == null || !known.state().equals(c.state())) {
            DockerEngine.Answer inspected = docker.call("GET", "/containers/" + c.id() + "/json", null);
            if (!inspected.ok()) {
                return null;
            }
            JsonNode body = inspected.body();
            String startedAt = state.equals("TASK_RUNNING")
                    ? marathonTime(body.path("State").path("StartedAt").asText(""), null) : null;
            String ip = body.path("NetworkSettings").path("IPAddress").asText("");
            if (ip.isEmpty()) {
                for (JsonNode network : body.path("NetworkSettings").path("Networks")) {
                    if (!network.path("IPAddress").asText("").isEmpty()) {
                        ip = network.path("IPAddress").asText();
                        break;
                    }
                }
            }
            known = new Seen(c.state(), marathonTime(body.path("Created").asText(""), Instant.ofEpochSecond(c.created())),
                    startedAt, ip);
            seen.put(c.id(), known);
        }
        String host = c.labels().getOrDefault(HOST_LABEL, "127.0.0.1");
        return new StandInApp.Task(c.labels().getOrDefault(TASK_LABEL, c.id()), host, known.stagedAt(),
                known.startedAt(), c.labels().getOrDefault(VERSION_LABEL, ""), state,
                known.ip().isEmpty() ? host : known.ip(), c.labels().getOrDefault(LAUNCH_LABEL, ""));
    }

    /**
     * The bay's containers, running or not.
     *
     * @param own only those of this runner
     * @return them
     */
    private List<Container> list(boolean own) throws IOException
    {
        String filters = "{\"label\":[\"" + BAY_LABEL + "=" + bayUuid + "\""
                + (own ? ",\"" + OWNER_LABEL + "=" + owner + "\"" : "") + "]}";
        DockerEngine.Answer answer = docker.call("GET", "/containers/json?all=1&filters="
                + URLEncoder.encode(filters, StandardCharsets.UTF_8), null);
        if (answer.status() != 200) {
            throw new IOException("listing containers answered " + answer.status() + ": " + answer.message());
        }
        List<Container> containers = new ArrayList<>();
        for (JsonNode c : answer.body()) {
            Map<String, String> labels = new HashMap<>();
            c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            containers.add(new Container(c.path("Id").asText(), labels, c.path("State").asText(""),
                    c.path("Created").asLong(0)));
        }
        return containers;
    }

    /** Removes a container, killing it if it runs; one already gone is fine. */
    private void remove(String id) throws IOException
    {
        DockerEngine.Answer answer = docker.call("DELETE", "/containers/" + id + "?force=1&v=1", null);
        if (answer.status() != 204 && answer.status() != 404 && answer.status() != 409) {
            throw new IOException("removing container " + id + " answered " + answer.status() + ": "
                    + answer.message());
        }
        seen.remove(id);
    }

    /**
     * Removes every container of this runner.
     *
     * @return how many
     */
    private int removeAll()
    {
        return remove(c -> true, true);
    }

    /**
     * Removes the bay's containers that a process no longer alive made (killed before it could remove them).
     *
     * @return how many
     */
    private int removeOrphans()
    {
        return remove(c -> {
            try {
                long pid = Long.parseLong(c.labels().getOrDefault(PID_LABEL, ""));
                return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
            }
            catch (NumberFormatException e) {
                return false;
            }
        }, false);
    }

    private int remove(Predicate<Container> which, boolean own)
    {
        int removed = 0;
        try {
            for (Container c : list(own)) {
                if (!which.test(c)) {
                    continue;
                }
                try {
                    DockerEngine.Answer answer = docker.call("DELETE", "/containers/" + c.id() + "?force=1&v=1", null);
                    if (answer.status() == 204) {
                        removed++;
                    }
                    else if (answer.status() != 404) {
                        log.warn("Bay {}: could not remove container {}: {} {}", bayUuid, c.id(), answer.status(),
                                answer.message());
                    }
                }
                catch (IOException e) {
                    log.warn("Bay {}: could not remove container {}: {}", bayUuid, c.id(), e.toString());
                }
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("Bay {}: could not list its containers on {}: {}", bayUuid, docker.address(), e.toString());
        }
        return removed;
    }

    /** The next bay slave, in turn. */
    private String host()
    {
        return slaves.isEmpty() ? "127.0.0.1" : slaves.get(nextSlave++ % slaves.size());
    }

    /** Docker's RFC 3339 time (nanoseconds) in Marathon's form; the fallback, or null, when it is not one. */
    private static String marathonTime(String docker, Instant fallback)
    {
        try {
            Instant instant = Instant.parse(docker);
            if (instant.getEpochSecond() > 0) {
                return MarathonApi.format(instant);
            }
        }
        catch (DateTimeParseException e) {
            // not a time: the fallback
        }
        return fallback == null ? null : MarathonApi.format(fallback);
    }

    /**
     * Stops the runner and removes every container of the bay. The runner is not interrupted while it talks to the
     * engine (a create cut short could still leave a container after the last listing): it is asked to stop, ends
     * the call it is in and removes what it just made; only one that hangs is interrupted.
     */
    @Override
    public void close()
    {
        closed = true;
        wake();
        try {
            thread.join(30_000);
            if (thread.isAlive()) {
                log.warn("Bay {}: the Marathon stand-in's Docker runner did not stop within 30 s; interrupting it",
                        bayUuid);
                thread.interrupt();
                thread.join(5_000);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int removed = removeAll();
        if (removed > 0) {
            log.info("Bay {}: removed its {} Marathon task container(s) from the local Docker engine", bayUuid,
                    removed);
        }
    }
}
