/**
 * LocalCloud's Swarm bays: a TLS front per bay on this machine's Docker engine
 * ({@link io.magnum.local.coe.docker.DockerHost}), and the small client of that engine, which the Marathon stand-in
 * shares ({@link io.magnum.local.coe.docker.DockerEngine}).
 */
package io.magnum.local.coe.docker;
