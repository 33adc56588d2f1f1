package io.magnum.engine.swarm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;

import static java.util.Objects.requireNonNull;

/**
 * Containers on a bay's Docker API, as Magnum's docker conductor runs them: created with the Magnum uuid as
 * hostname (and label {@value #UUID_LABEL}), never pulling an image; statuses read from {@code State} the way
 * Magnum reads them. Thread-safe: docker-java's client is.
 */
final class DockerContainers implements ContainerEngine
{
    /** The label holding magnum4j's uuid for the container. */
    static final String UUID_LABEL = "magnum.uuid";
    /**
     * The label holding the API address the container was created through, so a local endpoint can find (and
     * remove) its bay's containers when the bay goes.
     */
    static final String API_LABEL = "magnum.api_address";
    /** Seconds Docker waits after SIGTERM before it kills, on stop and reboot (docker-py's default). */
    static final int STOP_TIMEOUT_SECONDS = 10;

    private final DockerClient docker;
    private final DockerErrors errors;
    private final String apiAddress;
    private final Duration streamTimeout;

    DockerContainers(DockerClient docker, DockerErrors errors, String apiAddress, Duration streamTimeout)
    {
        this.docker = requireNonNull(docker, "docker is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.apiAddress = requireNonNull(apiAddress, "apiAddress is null");
        this.streamTimeout = requireNonNull(streamTimeout, "streamTimeout is null");
    }

    @Override
    public ContainerState create(ContainerSpec spec)
    {
        requireNonNull(spec, "spec is null");
        List<String> command = spec.command().map(c -> ContainerArgs.split(c, "command")).orElse(List.of());
        Long memory = spec.memory().map(ContainerArgs::memoryBytes).orElse(null);
        List<String> environment = spec.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        String action = "create container " + spec.name();
        String id;
        try {
            CreateContainerCmd create = docker.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withHostName(spec.uuid())
                    .withLabels(Map.of(UUID_LABEL, spec.uuid(), API_LABEL, apiAddress))
                    .withEnv(environment)
                    .withHostConfig(HostConfig.newHostConfig().withMemory(memory));
            if (!command.isEmpty()) {
                create.withCmd(command);
            }
            id = create.exec().getId();
        }
        catch (NotFoundException e) {
            // the only thing create can miss is the image; Magnum pulled it, we never pull
            throw new CoeException(CoeException.Reason.INVALID, "image", action + ": image " + spec.image()
                    + " is not on the bay (magnum4j does not pull images): " + DockerErrors.dockerMessage(e), e);
        }
        catch (RuntimeException e) {
            CoeException coe = errors.of(e, action);
            if (coe.reason() == CoeException.Reason.INVALID && coe.field().isEmpty()) {
                throw new CoeException(CoeException.Reason.INVALID, createField(coe.getMessage()), coe.getMessage(),
                        coe.getCause());
            }
            throw coe;
        }
        return inspect(id);
    }

    @Override
    public ContainerState inspect(String id)
    {
        InspectContainerResponse response = call("inspect container " + id,
                () -> docker.inspectContainerCmd(requireNonNull(id, "id is null")).exec());
        return state(response);
    }

    @Override
    public void delete(String id)
    {
        requireNonNull(id, "id is null");
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
        catch (NotFoundException e) {
            // gone already: what delete wants
        }
        catch (RuntimeException e) {
            throw errors.of(e, "delete container " + id);
        }
    }

    /** Starting a running container changes nothing, as with docker-py (Docker answers 304). */
    @Override
    public ContainerState start(String id)
    {
        requireNonNull(id, "id is null");
        call("start container " + id, () -> {
            try {
                docker.startContainerCmd(id).exec();
            }
            catch (NotModifiedException alreadyRunning) {
                // same as docker-py: 304 is not an error
            }
            return null;
        });
        return inspect(id);
    }

    /** Stopping a stopped container changes nothing, as with docker-py (Docker answers 304). */
    @Override
    public ContainerState stop(String id)
    {
        requireNonNull(id, "id is null");
        call("stop container " + id, () -> {
            try {
                docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
            }
            catch (NotModifiedException alreadyStopped) {
                // same as docker-py: 304 is not an error
            }
            return null;
        });
        return inspect(id);
    }

    @Override
    public ContainerState pause(String id)
    {
        requireNonNull(id, "id is null");
        call("pause container " + id, () -> docker.pauseContainerCmd(id).exec());
        return inspect(id);
    }

    @Override
    public ContainerState unpause(String id)
    {
        requireNonNull(id, "id is null");
        call("unpause container " + id, () -> docker.unpauseContainerCmd(id).exec());
        return inspect(id);
    }

    @Override
    public ContainerState reboot(String id)
    {
        requireNonNull(id, "id is null");
        call("reboot container " + id, () -> docker.restartContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec());
        return inspect(id);
    }

    @Override
    public String exec(String id, String command)
    {
        requireNonNull(id, "id is null");
        List<String> words = ContainerArgs.split(requireNonNull(command, "command is null"), "command");
        if (words.isEmpty()) {
            throw CoeException.invalid("command", "the command to execute is empty");
        }
        String action = "execute '" + command + "' in container " + id;
        String exec = call(action, () -> docker.execCreateCmd(id).withCmd(words.toArray(new String[0]))
                .withAttachStdout(true).withAttachStderr(true).exec().getId());
        return call(action, () -> await(docker.execStartCmd(exec).exec(new Output()), action));
    }

    @Override
    public String logs(String id)
    {
        requireNonNull(id, "id is null");
        String action = "read the logs of container " + id;
        return call(action, () -> await(docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(false).withTimestamps(false).exec(new Output()), action));
    }

    private String await(Output output, String action)
    {
        try (output) {
            if (!output.awaitCompletion(streamTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CoeException(CoeException.Reason.FAILED, action + ": no end after " + streamTimeout.toSeconds() + " s");
            }
            output.rethrow();
            return output.text();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoeException(CoeException.Reason.FAILED, action + ": interrupted", e);
        }
        catch (java.io.IOException e) {
            throw new CoeException(CoeException.Reason.FAILED, action + ": " + e.getMessage(), e);
        }
    }

    private <T> T call(String action, Supplier<T> call)
    {
        try {
            return call.get();
        }
        catch (RuntimeException e) {
            throw errors.of(e, action);
        }
    }

    private static String createField(String message)
    {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("memory")) {
            return "memory";
        }
        if (lower.contains("name")) {
            return "name";
        }
        if (lower.contains("image") || lower.contains("reference format")) {
            return "image";
        }
        return "spec";
    }

    /** Magnum's reading of {@code State}: an error wins, then paused, then running; anything else is stopped. */
    static ContainerState state(InspectContainerResponse response)
    {
        InspectContainerResponse.ContainerState state = response.getState();
        Optional<String> host = Optional.ofNullable(response.getNode())
                .map(InspectContainerResponse.Node::getName).filter(n -> !n.isBlank());
        if (state == null) {
            return new ContainerState(response.getId(), ContainerStatus.UNKNOWN, host, Optional.empty());
        }
        String error = state.getError();
        if (error != null && !error.isBlank()) {
            return new ContainerState(response.getId(), ContainerStatus.ERROR, host, Optional.of(error));
        }
        ContainerStatus status = Boolean.TRUE.equals(state.getPaused()) ? ContainerStatus.PAUSED
                : Boolean.TRUE.equals(state.getRunning()) ? ContainerStatus.RUNNING
                : ContainerStatus.STOPPED;
        return new ContainerState(response.getId(), status, host, Optional.empty());
    }

    /**
     * Collects a multiplexed stream (standard output and error, in the order they came) as UTF-8 text. Keeps a
     * failure for the caller rather than logging it as docker-java's adapter does (a missing container is an
     * answer here, not an error to log).
     */
    private static final class Output extends ResultCallback.Adapter<Frame>
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Throwable failure;

        @Override
        public void onError(Throwable throwable)
        {
            if (failure == null) {
                failure = throwable;
            }
            try {
                close();
            }
            catch (java.io.IOException e) {
                failure.addSuppressed(e);
            }
        }

        void rethrow()
        {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t.getMessage(), t);
            }
        }

        @Override
        public void onNext(Frame frame)
        {
            byte[] payload = frame.getPayload();
            if (payload != null) {
                synchronized (bytes) {
                    bytes.writeBytes(payload);
                }
            }
        }

        String text()
        {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
