package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magnum.spi.cloud.CloudException;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Orchestration;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.spi.cloud.StackResource;
import org.openstack4j.api.Builders;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.model.heat.StackUpdate;
import org.openstack4j.model.heat.builder.StackUpdateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.magnum.core.cloud.openstack.HeatMapping.DELETE_COMPLETE;
import static io.magnum.core.cloud.openstack.OpenStackService.HEAT;
import static java.util.Objects.requireNonNull;

/**
 * Heat through openstack4j, with two requests made by hand (through openstack4j's transport, so with the same token
 * and endpoint): stack create, because openstack4j 3.12 sends its rollback flag as {@code disableRollback} (a key Heat
 * ignores) and answers only the id; and the event list, because openstack4j cannot ask for nested stacks' events
 * ({@code nested_depth}). Heat lists events newest first unless asked otherwise ({@code sort_dir=asc}).
 *
 * <p>Heat addresses a stack as {@code /stacks/{name}/{id}}; {@code GET /stacks/{name or id}} answers with a redirect
 * there, which OkHttp follows. A stack's name never changes, so the names of ids seen are kept, and update, delete,
 * resources and events make no extra request to find it. Each request is its own {@link KeystoneSession#call}, so a
 * retry after a 401 never repeats a request that already succeeded.
 */
public final class HeatOrchestration implements Orchestration
{
    /** How deep {@link #events} looks into nested stacks (Heat's default {@code max_nested_stack_depth}). */
    static final int EVENTS_NESTED_DEPTH = 5;

    private static final Logger LOG = LoggerFactory.getLogger(HeatOrchestration.class);

    private final KeystoneSession session;
    private final Map<String, String> namesById = new ConcurrentHashMap<>();

    public HeatOrchestration(KeystoneSession session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public Stack create(StackRequest request)
    {
        requireNonNull(request, "request is null");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("stack_name", request.name());
        body.put("template", request.template());
        body.set("files", strings(request.files()));
        body.set("parameters", strings(request.parameters()));
        body.put("disable_rollback", true);
        if (request.timeoutMinutes() > 0) {
            body.put("timeout_mins", request.timeoutMinutes());
        }
        if (request.environment() != null) {
            body.put("environment", request.environment());
        }
        JsonNode created;
        try {
            created = session.call(HEAT, client -> session.send(client, HEAT, HttpMethod.POST, "/stacks", Map.of(), body));
        }
        catch (OpenStackHttpException e) {
            throw refused(e, request.name());
        }
        String id = created.path("stack").path("id").asText("");
        if (id.isEmpty()) {
            throw new CloudException("Heat accepted stack " + request.name() + " but answered no id: " + created);
        }
        namesById.put(id, request.name());
        LOG.debug("Heat is creating stack {} ({})", request.name(), id);
        return show(request.name(), id).orElseThrow(() -> new CloudException(
                "Heat accepted stack " + request.name() + " (" + id + ") but does not show it"));
    }

    @Override
    public Optional<Stack> get(String idOrName)
    {
        requireNonNull(idOrName, "idOrName is null");
        org.openstack4j.model.heat.Stack heat = session.call(HEAT, client -> client.heat().stacks().getStackByName(idOrName));
        return visible(heat);
    }

    @Override
    public List<Stack> list(Collection<String> ids)
    {
        Set<String> wanted = new HashSet<>(requireNonNull(ids, "ids is null"));
        if (wanted.isEmpty()) {
            return List.of();
        }
        return list().stream().filter(stack -> wanted.contains(stack.id())).toList();
    }

    @Override
    public List<Stack> list()
    {
        List<? extends org.openstack4j.model.heat.Stack> stacks = session.call(HEAT, client -> client.heat().stacks().list());
        List<Stack> result = new ArrayList<>();
        for (org.openstack4j.model.heat.Stack heat : stacks) {
            visible(heat).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public Stack update(String id, StackRequest request)
    {
        requireNonNull(request, "request is null");
        Identity stack = identify(id);
        StackUpdateBuilder builder = Builders.stackUpdate()
                .template(request.template())
                .files(Map.copyOf(request.files()))
                .parameters(Map.copyOf(request.parameters()));
        if (request.timeoutMinutes() > 0) {
            builder.timeoutMins((long) request.timeoutMinutes());
        }
        if (request.environment() != null) {
            builder.environment(request.environment());
        }
        StackUpdate update = builder.build();
        try {
            session.call(HEAT, client -> {
                OpenStackFailures.check(HEAT, client.heat().stacks().update(stack.name(), stack.id(), update));
                return null;
            });
        }
        catch (OpenStackHttpException e) {
            throw e.status() == 404 ? notFound(stack.id()) : refused(e, stack.name());
        }
        LOG.debug("Heat is updating stack {} ({})", stack.name(), stack.id());
        return show(stack.name(), stack.id()).orElseThrow(() -> notFound(stack.id()));
    }

    @Override
    public void delete(String id)
    {
        Identity stack = identify(id);
        try {
            session.call(HEAT, client -> {
                OpenStackFailures.check(HEAT, client.heat().stacks().delete(stack.name(), stack.id()));
                return null;
            });
        }
        catch (OpenStackHttpException e) {
            if (e.status() == 404) {
                throw notFound(stack.id());
            }
            if (e.status() == 409 && show(stack.name(), stack.id()).map(s -> s.action().equals("DELETE")).orElse(true)) {
                return; // already being deleted
            }
            throw refused(e, stack.name());
        }
        LOG.debug("Heat is deleting stack {} ({})", stack.name(), stack.id());
    }

    @Override
    public List<StackResource> resources(String id)
    {
        Identity stack = identify(id);
        List<? extends org.openstack4j.model.heat.Resource> resources =
                session.call(HEAT, client -> client.heat().resources().list(stack.name(), stack.id()));
        // openstack4j answers an empty list for a 404: tell an empty stack from a missing one
        if (resources.isEmpty() && show(stack.name(), stack.id()).isEmpty()) {
            throw notFound(stack.id());
        }
        return resources.stream().map(HeatMapping::resource).toList();
    }

    @Override
    public List<StackEvent> events(String id)
    {
        Identity stack = identify(id);
        JsonNode answer;
        try {
            answer = session.call(HEAT, client -> session.send(client, HEAT, HttpMethod.GET,
                    "/stacks/" + stack.name() + "/" + stack.id() + "/events",
                    Map.of("nested_depth", EVENTS_NESTED_DEPTH, "sort_dir", "asc"), null));
        }
        catch (OpenStackHttpException e) {
            throw e.status() == 404 ? notFound(stack.id()) : e;
        }
        List<StackEvent> events = new ArrayList<>();
        for (JsonNode event : answer.path("events")) {
            events.add(HeatMapping.event(event));
        }
        return HeatMapping.oldestFirst(events);
    }

    /** A stack's name and id, which Heat's paths need together. */
    private record Identity(String name, String id)
    {
    }

    private Identity identify(String idOrName)
    {
        requireNonNull(idOrName, "id is null");
        String name = namesById.get(idOrName);
        if (name != null) {
            return new Identity(name, idOrName);
        }
        Stack stack = get(idOrName).orElseThrow(() -> notFound(idOrName));
        return new Identity(stack.name(), stack.id());
    }

    private Optional<Stack> show(String name, String id)
    {
        return visible(session.call(HEAT, client -> client.heat().stacks().getDetails(name, id)));
    }

    private Optional<Stack> visible(org.openstack4j.model.heat.Stack heat)
    {
        if (heat == null || heat.getId() == null) {
            return Optional.empty();
        }
        if (DELETE_COMPLETE.equals(heat.getStatus())) {
            namesById.remove(heat.getId());
            return Optional.empty();
        }
        Stack stack = HeatMapping.stack(heat);
        if (!stack.name().isEmpty()) {
            namesById.put(stack.id(), stack.name());
        }
        return Optional.of(stack);
    }

    private StackNotFoundException notFound(String idOrName)
    {
        namesById.remove(idOrName);
        return new StackNotFoundException(idOrName);
    }

    /** Heat's 400 (bad template, parameters), 409 (name taken, action in progress) and 413 (too large). */
    private static RuntimeException refused(OpenStackHttpException e, String name)
    {
        return switch (e.status()) {
            case 400, 409, 413 -> new InvalidStackException(e.detail().isEmpty()
                    ? "Heat refused stack " + name + " (" + e.status() + ")" : e.detail());
            default -> e;
        };
    }

    private static ObjectNode strings(Map<String, String> values)
    {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach(node::put);
        return node;
    }
}
