/**
 * LocalCloud's stand-in for Marathon's v2 apps API, which serves each Mesos bay on 127.0.0.1
 * ({@link io.magnum.local.coe.marathon.MarathonHost}).
 *
 * <p>What is real and what is simulated:
 * <ul>
 * <li>Real: the HTTP API on a loopback port, with Marathon's documented answers, status codes, validation errors,
 * deployment locking and JSON shapes for the calls magnum4j makes.</li>
 * <li>Real when this machine's Docker engine answers (the default socket, or {@code DOCKER_HOST}): each instance of an
 * app with a Docker image is a container on that engine, created with the app's image, cmd ({@code /bin/sh -c}) or
 * args, env and mem, and labelled {@code magnum.marathon.app} and {@code magnum.marathon.bay}. Tasks (id, state,
 * stagedAt, startedAt, address), deployments and {@code lastTaskFailure} follow the containers: scaling, restarts,
 * suspending and deleting create and remove them; a container that exits is a finished or failed task that is
 * launched again after Marathon's backoff; an image the engine lacks is never pulled and is a
 * {@code lastTaskFailure}. Stopping the bay, or closing the host, removes them all.</li>
 * <li>Simulated: without an engine, and for apps with only a {@code cmd} (which Mesos runs on the slave, not in a
 * container), a deployment is a timer and its tasks are said to run; they never fail. Either way a task's
 * {@code host} is one of the bay's node addresses: the one engine stands in for all the bay's slaves. Mesos itself
 * (offers, resources, constraints), health checks, groups, pods, version history and the event bus are absent.</li>
 * </ul>
 */
package io.magnum.local.coe.marathon;
