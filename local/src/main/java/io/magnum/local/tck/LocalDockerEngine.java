package io.magnum.local.tck;

import java.io.IOException;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.local.coe.docker.DockerEngine;

/**
 * The local Docker engine that tools/docker-up.sh starts, for driver and facade tests that need one (beside the TCK,
 * whose users have JUnit already): they skip loudly when no engine
 * answers (a machine where Docker cannot run), and fail when it answers without the local image.
 */
public final class LocalDockerEngine
{
    private static final Logger log = LoggerFactory.getLogger(LocalDockerEngine.class);
    /** The engine's address. */
    public static final String HOST = DockerEngine.DEFAULT_HOST;
    /** Made by tools/docker-up.sh from busybox-static; never pulled (no registry is reachable). */
    public static final String IMAGE = "local/busybox:latest";

    private LocalDockerEngine()
    {
    }

    /**
     * Aborts the calling test class, with a banner in the log, unless the engine answers {@code /_ping}.
     *
     * @param test the test's name, for the banner
     * @return a client of the engine
     */
    public static DockerEngine assumeRunning(String test)
    {
        DockerEngine docker = new DockerEngine(HOST);
        try {
            docker.ping();
        }
        catch (IOException e) {
            log.warn("\n#####################################################################\n"
                    + "SKIPPING {}: no Docker engine answers at {} ({}).\n"
                    + "Start one with tools/docker-up.sh --swarm.\n"
                    + "#####################################################################", test, HOST, e.toString());
            Assumptions.abort("no Docker engine answers at " + HOST + ": " + e);
        }
        return docker;
    }

    /**
     * {@link #assumeRunning}, and the engine must hold {@link #IMAGE}.
     *
     * @param test the test's name, for the banner
     * @return a client of the engine
     * @throws AssertionError when the engine answers but lacks the image
     */
    public static DockerEngine assumeRunningWithImage(String test)
    {
        DockerEngine docker = assumeRunning(test);
        DockerEngine.Answer image;
        try {
            image = docker.call("GET", "/images/" + IMAGE + "/json", null);
        }
        catch (IOException e) {
            throw new AssertionError("the Docker engine stopped answering: " + e, e);
        }
        if (!image.ok()) {
            throw new AssertionError("the Docker engine answers but has no " + IMAGE + " (run tools/docker-up.sh): "
                    + image.message());
        }
        return docker;
    }
}
