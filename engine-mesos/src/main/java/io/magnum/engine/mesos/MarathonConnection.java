package io.magnum.engine.mesos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerEngine;

import static java.util.Objects.requireNonNull;

/**
 * A Mesos bay's COE: its containers are Marathon apps ({@link MarathonApps}); it has no manifest objects. Its
 * health is Marathon's: {@code GET /ping} must answer and {@code GET /v2/info} must name an elected leader.
 *
 * <p>Thread-safe; nothing is sent until a call needs it.
 */
final class MarathonConnection implements CoeConnection
{
    /** Health must answer within a few seconds. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    private final MarathonHttp http;
    private final MarathonApps apps;

    /** @param http the API client; closed with this connection */
    MarathonConnection(MarathonHttp http)
    {
        this.http = requireNonNull(http, "http is null");
        this.apps = new MarathonApps(http);
    }

    @Override
    public Optional<ContainerEngine> containers()
    {
        return Optional.of(apps);
    }

    /** @return the containers with the Marathon-only calls ({@link MarathonApps#list()}) */
    MarathonApps apps()
    {
        return apps;
    }

    @Override
    public BayHealth health()
    {
        Map<String, String> nodes = new LinkedHashMap<>();
        try {
            MarathonHttp.Response ping = http.send("GET", "/ping", null, HEALTH_TIMEOUT);
            if (ping.status() != 200) {
                return new BayHealth(BayHealth.Status.UNHEALTHY, "Marathon at " + http.base()
                        + " answered /ping with " + ping.status(), Map.of("marathon", "HTTP " + ping.status()));
            }
            MarathonHttp.Response info = http.send("GET", "/v2/info", null, HEALTH_TIMEOUT);
            if (info.status() != 200) {
                return new BayHealth(BayHealth.Status.UNHEALTHY, "Marathon at " + http.base()
                        + " answered /v2/info with " + info.status(), Map.of("marathon", "HTTP " + info.status()));
            }
            JsonNode body = info.body();
            String version = body.path("version").asText("unknown");
            String leader = body.path("leader").asText("");
            nodes.put("marathon", version);
            if (!leader.isEmpty()) {
                nodes.put("leader", leader);
            }
            String master = body.path("marathon_config").path("master").asText("");
            if (!master.isEmpty()) {
                nodes.put("mesos_master", master);
            }
            if (!body.path("elected").asBoolean(true) || leader.isEmpty()) {
                return new BayHealth(BayHealth.Status.UNHEALTHY, "Marathon " + version + " at " + http.base()
                        + " has no elected leader", nodes);
            }
            return new BayHealth(BayHealth.Status.HEALTHY, "Marathon " + version + " answers, leader " + leader, nodes);
        }
        catch (CoeException e) {
            return new BayHealth(BayHealth.Status.UNHEALTHY, e.getMessage(), Map.of("marathon", e.reason().name()));
        }
    }

    @Override
    public void close()
    {
        http.close();
    }
}
