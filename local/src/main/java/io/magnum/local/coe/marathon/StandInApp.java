package io.magnum.local.coe.marathon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One app of the stand-in, as {@link MarathonApi} keeps it. Guarded by the {@link MarathonApi}'s lock. */
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
    /** The tasks that run, oldest first. */
    final List<Task> tasks = new ArrayList<>();
    /** The deployment that holds the app, or null. */
    Deployment deployment;

    StandInApp(String id)
    {
        this.id = id;
    }

    /** A running task. */
    record Task(String id, String host, String stagedAt, String startedAt, String version)
    {
    }

    /** A deployment: one action on one app, done at {@code finishAt}. */
    record Deployment(String id, String version, String action, String appId, Instant finishAt, int target)
    {
    }
}
