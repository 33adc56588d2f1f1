package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.Containers;
import io.magnum.MagnumException;
import io.magnum.model.Bay;
import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.spi.coe.ContainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v1/containers}, as Magnum 2.0.0 served it, over {@code magnum.containers()}: list (and {@code /detail},
 * paged and sorted like the other lists, {@code ?bay_ident=} to keep one bay's), show, create (201 with the
 * container), delete (204), the verbs {@code PUT /{ident}/start|stop|reboot|pause|unpause} (200 with the container),
 * {@code PUT /{ident}/execute?command=} and {@code GET /{ident}/logs} (both {@code {"output": ...}}). A list shows
 * each container's status read again from its COE, as Magnum's did ({@code Unknown} when the COE cannot say).
 * Containers run on Swarm bays (Docker) and Mesos bays (Marathon apps); a verb the COE lacks is a 400.
 */
public final class ContainerResource
{
    private static final Logger log = LoggerFactory.getLogger(ContainerResource.class);

    private static final Set<String> READ_ONLY = Set.of("uuid", "status", "links", "created_at", "updated_at",
            "project_id", "user_id");
    private static final Set<String> SUMMARY = Set.of("uuid", "name", "bay_uuid", "image", "command", "status",
            "memory", "environment");
    private static final Map<String, BiFunction<Containers, String, Container>> VERBS = Map.of(
            "start", Containers::start,
            "stop", Containers::stop,
            "reboot", Containers::reboot,
            "pause", Containers::pause,
            "unpause", Containers::unpause);

    private final Json json;

    public ContainerResource(Json json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    /** @param router the router to add this resource's routes to */
    public void register(Router router)
    {
        router.get("/v1/containers", (request, path) -> list(request, false))
                .get("/v1/containers/detail", (request, path) -> list(request, true))
                .get("/v1/containers/{ident}", (request, path) -> show(request, path.get("ident")))
                .post("/v1/containers", (request, path) -> create(request))
                .patch("/v1/containers/{ident}", (request, path) -> {
                    throw ApiException.badRequest("Updating a container is not supported by this server: magnum4j's"
                            + " containers keep what they were created with; delete it and create another");
                })
                .delete("/v1/containers/{ident}", (request, path) -> delete(request, path.get("ident")));
        VERBS.forEach((verb, action) -> router.put("/v1/containers/{ident}/" + verb,
                (request, path) -> verb(request, path.get("ident"), action)));
        router.put("/v1/containers/{ident}/execute", (request, path) -> execute(request, path.get("ident")))
                .get("/v1/containers/{ident}/logs", (request, path) -> logs(request, path.get("ident")));
    }

    private ApiResponse list(ApiRequest request, boolean detail)
    {
        ListParams params = ListParams.of(request, Set.of("bay_ident"));
        String bayIdent = request.query("bay_ident");
        Containers containers = request.magnum().containers();
        ListOptions options = params.options(Map.of());
        Page<Container> page;
        if (bayIdent == null || bayIdent.isEmpty()) {
            page = containers.list(options);
        }
        else {
            Bay bay = request.magnum().bays().get(bayIdent);
            page = ofBay(containers, options, bay.uuid());
        }
        Page<Container> fresh = new Page<>(page.items().stream().map(c -> refreshed(containers, c)).toList(),
                page.nextMarker());
        return ApiResponse.ok(params.collection(request, "containers", detail ? "containers/detail" : "containers",
                fresh, container -> view(request, container, !detail)));
    }

    /** One page of one bay's containers: the facade's pages, filtered, until the limit is reached. */
    private static Page<Container> ofBay(Containers containers, ListOptions options, String bayUuid)
    {
        int limit = options.limit() == null ? ListOptions.MAX_LIMIT : Math.min(options.limit(), ListOptions.MAX_LIMIT);
        List<Container> items = new ArrayList<>();
        String marker = options.marker();
        while (true) {
            Page<Container> page = containers.list(ListOptions.builder().limit(options.limit()).marker(marker)
                    .sortKey(options.sortKey()).sortDir(options.sortDir()).build());
            for (Container container : page.items()) {
                if (container.bayUuid().equals(bayUuid)) {
                    items.add(container);
                    if (items.size() == limit) {
                        return new Page<>(items, Optional.of(container.uuid()));
                    }
                }
            }
            if (page.nextMarker().isEmpty()) {
                return new Page<>(items, Optional.empty());
            }
            marker = page.nextMarker().get();
        }
    }

    /** The container with its status read from the COE, as Magnum's list did; Unknown when that fails. */
    private static Container refreshed(Containers containers, Container stored)
    {
        try {
            return containers.find(stored.uuid()).orElse(stored);
        }
        catch (MagnumException e) {
            log.warn("Error while listing container {}: {}", stored.uuid(), e.getMessage());
            return new Container(stored.uuid(), stored.name(), stored.bayUuid(), stored.projectId(), stored.userId(),
                    stored.image(), stored.command(), stored.memory(), stored.environment(), ContainerStatus.UNKNOWN,
                    stored.coeId(), stored.createdAt(), stored.updatedAt());
        }
    }

    private ApiResponse show(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        return ApiResponse.ok(view(request, request.magnum().containers().get(ident), false));
    }

    private ApiResponse create(ApiRequest request)
    {
        request.allowQuery(Set.of());
        Body body = new Body(json.object(request.body(), "container"), "container");
        body.require("bay_uuid");
        String name = body.string("name", 255);
        String image = body.string("image", 255);
        String bayIdent = body.string("bay_uuid", 255);
        String command = body.string("command", 255);
        String memory = body.string("memory", 255);
        Map<String, String> environment = environment(body);
        for (String field : READ_ONLY) {
            if (body.raw(field) != null) {
                body.violation(field, field + " is read-only; it is set by the server");
            }
        }
        Bay bay = null;
        if (bayIdent != null) {
            // as Magnum does: a bay that is not there is a bad request here, not a missing resource
            bay = request.magnum().bays().find(bayIdent).orElse(null);
            if (bay == null) {
                body.violation("bay_uuid", "Bay " + bayIdent + " could not be found.");
            }
        }
        body.check();
        Container created = request.magnum().containers().create(new ContainerSpec(name, bay.uuid(), image, command,
                memory, environment));
        return ApiResponse.created(view(request, created, false),
                request.hostUrl() + "/v1/containers/" + created.uuid());
    }

    /** {@code environment}: an object of string values (Magnum's {@code DictType(str, str)}). */
    private static Map<String, String> environment(Body body)
    {
        JsonNode value = body.raw("environment");
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            body.violation("environment", "Invalid input for field/attribute environment. Value: '"
                    + Values.abbreviate(value.toString()) + "'. Wrong type. Expected an object of strings, got "
                    + Json.kind(value) + ".");
            return null;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                body.violation("environment", "Invalid input for field/attribute environment. Value: '"
                        + Values.abbreviate(value.toString()) + "'. Wrong type. Variable " + entry.getKey()
                        + " must have a string value, not " + Json.kind(entry.getValue()) + ".");
                return null;
            }
            environment.put(entry.getKey(), entry.getValue().textValue());
        }
        return environment;
    }

    private ApiResponse delete(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        request.magnum().containers().delete(ident);
        return ApiResponse.noContent();
    }

    private ApiResponse verb(ApiRequest request, String ident, BiFunction<Containers, String, Container> action)
    {
        request.allowQuery(Set.of());
        return ApiResponse.ok(view(request, action.apply(request.magnum().containers(), ident), false));
    }

    private ApiResponse execute(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of("command"));
        String command = request.query("command");
        if (command == null || command.isBlank()) {
            throw ApiException.badRequest("Invalid input for field/attribute command. Value: 'None'. Mandatory field"
                    + " missing: the command to execute (?command=...).");
        }
        return ApiResponse.ok(Map.of("output", request.magnum().containers().exec(ident, command)));
    }

    private ApiResponse logs(ApiRequest request, String ident)
    {
        request.allowQuery(Set.of());
        return ApiResponse.ok(Map.of("output", request.magnum().containers().logs(ident)));
    }

    /** A container as JSON: Magnum 2.0.0's fields (only the list's when a summary) and its links. */
    static Map<String, Object> view(ApiRequest request, Container container, boolean summary)
    {
        Map<String, Object> view = new LinkedHashMap<>(container.attributes());
        view.put("created_at", Values.timestamp(container.createdAt()));
        view.put("updated_at", Values.timestamp(container.updatedAt().orElse(null)));
        if (summary) {
            view.keySet().retainAll(SUMMARY);
        }
        view.put("links", Links.of(request.hostUrl(), "containers", container.uuid()));
        return view;
    }
}
