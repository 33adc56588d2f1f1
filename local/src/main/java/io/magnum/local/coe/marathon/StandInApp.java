package io.magnum.local.coe.marathon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One app of the stand-in, as {@link MarathonApi} keeps it. Guarded by the {@link MarathonApi}'s lock. Its tasks are
 * either simulated (made by the deployment timer) or observed on the local Docker engine by {@link DockerTasks}.
 */
final class StandInApp
{
    /** Its absolute id, such as {@code /redis}. */
    final String id;
    /** What the user defined, without id, instances and status fields. */
    ObjectNode definition;
    int instances;
    /** The version of the last change of any kind. */
    String version;
    /** The version of the last change that was not a scaling or a restart. */
    String configChangedAt;
    /**
     * The version tasks must have been launched at: set on create, on a change of the definition and on a restart
     * (a scaling keeps it). Tasks of an older one are replaced.
     */
    String launchVersion;
    /** The last task that failed (or could not be launched), or null. */
    Failure lastTaskFailure;
    /** The tasks that run, oldest first. */
    final List<Task> tasks = new ArrayList<>();
    /** The deployment that holds the app, or null. */
    Deployment deployment;

    StandInApp(String id)
    {
        this.id = id;
    }

    /**
     * A task.
     *
     * @param id            Marathon's task id, {@code <app>.<uuid>}
     * @param host          the bay slave it is placed on
     * @param stagedAt      when it was staged
     * @param startedAt     when it started, or null while it has not
     * @param version       the app version it was launched with
     * @param state         Mesos' state: {@code TASK_STAGING}, {@code TASK_STARTING}, {@code TASK_RUNNING}, ...
     * @param ipAddress     the address it answers on
     * @param launchVersion the app's {@link StandInApp#launchVersion} it was launched for
     */
    record Task(String id, String host, String stagedAt, String startedAt, String version, String state,
                String ipAddress, String launchVersion)
    {
        /** A simulated task: running on its host since {@code startedAt}. */
        Task(String id, String host, String stagedAt, String startedAt, String version)
        {
            this(id, host, stagedAt, startedAt, version, "TASK_RUNNING", host, version);
        }

        boolean running()
        {
            return state.equals("TASK_RUNNING");
        }
    }

    /** Marathon's {@code lastTaskFailure}: a task that ended in failure, or could not be launched. */
    record Failure(String taskId, String host, String state, String message, String timestamp, String version)
    {
    }

    /**
     * A deployment: one action on one app. A simulated one is done at {@code finishAt}; an observed one when the
     * app's containers on the local Docker engine say so.
     */
    record Deployment(String id, String version, String action, String appId, Instant finishAt, int target,
                      boolean observed)
    {
    }

    /** @return the image of its Docker container, or null when it has none */
    String image()
    {
        String image = definition.path("container").path("docker").path("image").asText("");
        return image.isBlank() ? null : image;
    }
}
