/**
 * LocalCloud's Swarm bays: a TLS front per bay on this machine's Docker engine ({@link io.magnum.local.coe.docker.DockerHost}).
 */
package io.magnum.local.coe.docker;
