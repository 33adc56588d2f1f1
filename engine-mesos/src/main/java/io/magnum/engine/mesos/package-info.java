/**
 * The Mesos driver ({@link io.magnum.engine.mesos.MesosDriver}): Magnum's Mesos-on-Ubuntu template, and containers
 * as Marathon apps through Marathon's v2 REST API.
 *
 * <p>A Mesos bay's api_address is the masters' load balancer; Marathon answers on its port 8080 over plain HTTP (Magnum
 * gives Mesos bays no TLS, so the bay's certificates are not used). The REST calls go through {@code java.net.http}
 * with Jackson, not through {@code com.mesosphere:marathon-client}, whose Feign 8, Gson, Guava 20 and JOSE
 * dependencies would land on every user's class path for a handful of JSON calls.
 */
package io.magnum.engine.mesos;
