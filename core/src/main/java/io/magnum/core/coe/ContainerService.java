package io.magnum.core.coe;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jooq.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.ConflictException;
import io.magnum.InvalidInputException;
import io.magnum.NotFoundException;
import io.magnum.NotSupportedException;
import io.magnum.RequestContext;
import io.magnum.core.ListQuery;
import io.magnum.core.bay.BayService;
import io.magnum.core.policy.Policy;
import io.magnum.core.store.BayStore;
import io.magnum.core.store.ContainerStore;
import io.magnum.model.Bay;
import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;

/**
 * Containers behind the facade: the record first, then the COE; every verb reads the COE's status back into the
 * record, as Magnum's docker conductor did.
 */
@Singleton
public final class ContainerService
{
    private static final Logger log = LoggerFactory.getLogger(ContainerService.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*");
    private static final Pattern MEMORY = Pattern.compile("[0-9]+[bkmgBKMG]?");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final int MAX_FIELD = 255;

    private final BayService bays;
    private final BayStore bayStore;
    private final ContainerStore containers;
    private final CoeConnections connections;
    private final Clock clock;

    @Inject
    public ContainerService(BayService bays, BayStore bayStore, ContainerStore containers,
            CoeConnections connections, Clock clock)
    {
        this.bays = bays;
        this.bayStore = bayStore;
        this.containers = containers;
        this.connections = connections;
        this.clock = clock;
    }

    public Container create(RequestContext context, ContainerSpec spec)
    {
        check(spec);
        Bay bay = bays.get(context, spec.bay());
        Policy.requireOwnerOrAdmin(context, bay.projectId(), "create a container on bay " + spec.bay());
        CoeConnections.Target target = connections.connect(bay);
        ContainerEngine engine = engine(target);
        Container record = new Container(UUID.randomUUID().toString(), spec.name(), bay.uuid(), bay.projectId(),
                context.userId(), spec.image(), Optional.ofNullable(spec.command()), Optional.ofNullable(spec.memory()),
                spec.environment(), ContainerStatus.CREATING, Optional.empty(), now(), Optional.empty());
        containers.insert(record);
        ContainerState state;
        try {
            state = engine.create(new io.magnum.spi.coe.ContainerSpec(record.uuid(), record.name(), record.image(),
                    record.command(), record.memory(), record.environment()));
        }
        catch (CoeException e) {
            if (e.reason() == CoeException.Reason.INVALID) {
                containers.delete(record.uuid());
            }
            else {
                store(record, record.coeId(), ContainerStatus.ERROR);
            }
            throw CoeErrors.translate(e);
        }
        catch (RuntimeException e) {
            store(record, record.coeId(), ContainerStatus.ERROR);
            throw e;
        }
        log.info("Container {} ({}) created on bay {} as {}", record.uuid(), record.name(), bay.uuid(), state.id());
        return store(record, Optional.of(state.id()), state.status());
    }

    public Optional<Container> find(RequestContext context, String ident)
    {
        Optional<Container> found = lookup(context, ident);
        if (found.isEmpty()) {
            return found;
        }
        Container container = found.get();
        Bay bay = bayStore.findByUuid(container.bayUuid(), BayStore.visibleTo(null)).orElse(null);
        if (bay == null || !bay.status().complete() || container.coeId().isEmpty()) {
            return found; // nothing to ask: the record is all there is
        }
        ContainerEngine engine = engine(connections.connect(bay));
        try {
            ContainerState state = engine.inspect(container.coeId().get());
            return Optional.of(store(container, Optional.of(state.id()), state.status()));
        }
        catch (CoeException e) {
            if (e.reason() == CoeException.Reason.NOT_FOUND) {
                // as Magnum: a container the COE lost is in error
                return Optional.of(store(container, container.coeId(), ContainerStatus.ERROR));
            }
            throw CoeErrors.translate(e);
        }
    }

    public Container get(RequestContext context, String ident)
    {
        return find(context, ident).orElseThrow(() -> notFound(ident));
    }

    public Page<Container> list(RequestContext context, ListOptions options)
    {
        ListQuery query = ListQuery.of(options, ContainerStore::sortable, List.of("uuid", "name", "bay_uuid", "image",
                "command", "memory", "status", "created_at", "updated_at"));
        Condition visible = ContainerStore.visibleTo(Policy.listScope(context));
        if (query.marker() != null && containers.findByUuid(query.marker(), visible).isEmpty()) {
            throw InvalidInputException.of("marker", "marker '" + query.marker()
                    + "' is not the uuid of a container you can see");
        }
        List<Container> items = containers.page(visible, query.sortKey(), query.descending(), query.marker(),
                query.limit());
        return new Page<>(items, items.size() == query.limit() ? Optional.of(items.get(items.size() - 1).uuid())
                : Optional.empty());
    }

    /** A verb that changes a container's state. */
    public Container act(RequestContext context, String ident, String verb,
            java.util.function.BiFunction<ContainerEngine, String, ContainerState> action)
    {
        Target target = target(context, ident, verb);
        ContainerState state = ManifestObjectService.translated(() -> action.apply(target.engine(), target.coeId()));
        return store(target.container(), Optional.of(state.id()), state.status());
    }

    /** A verb that reads from a container (exec, logs). */
    public String read(RequestContext context, String ident, String verb,
            java.util.function.BiFunction<ContainerEngine, String, String> action)
    {
        Target target = target(context, ident, verb);
        return ManifestObjectService.translated(() -> action.apply(target.engine(), target.coeId()));
    }

    public void delete(RequestContext context, String ident)
    {
        Container container = lookup(context, ident).orElseThrow(() -> notFound(ident));
        Policy.requireOwnerOrAdmin(context, container.projectId(), "delete container " + ident);
        Bay bay = bayStore.findByUuid(container.bayUuid(), BayStore.visibleTo(null)).orElse(null);
        if (bay != null && bay.status().inProgress()) {
            throw new ConflictException("Bay " + bay.uuid() + " of container " + ident + " is " + bay.status()
                    + "; delete the container when the bay is stable");
        }
        if (bay != null && bay.status().complete() && container.coeId().isPresent()) {
            ContainerEngine engine = engine(connections.connect(bay));
            ManifestObjectService.translated(() -> {
                engine.delete(container.coeId().get());
                return null;
            });
        }
        containers.delete(container.uuid());
        log.info("Container {} ({}) deleted", container.uuid(), container.name());
    }

    private record Target(Container container, ContainerEngine engine, String coeId)
    {
    }

    private Target target(RequestContext context, String ident, String verb)
    {
        Container container = lookup(context, ident).orElseThrow(() -> notFound(ident));
        Policy.requireOwnerOrAdmin(context, container.projectId(), verb + " container " + ident);
        Bay bay = bayStore.findByUuid(container.bayUuid(), BayStore.visibleTo(null))
                .orElseThrow(() -> new ConflictException("The bay of container " + ident + " is gone"));
        ContainerEngine engine = engine(connections.connect(bay));
        String coeId = container.coeId().orElseThrow(() -> new ConflictException("Container " + ident + " is "
                + container.status().label() + " and was never created on its bay; delete it"));
        return new Target(container, engine, coeId);
    }

    private Optional<Container> lookup(RequestContext context, String ident)
    {
        if (ident == null || ident.isBlank()) {
            throw InvalidInputException.of("container", "a container (uuid or name) is required");
        }
        Condition visible = ContainerStore.visibleTo(Policy.listScope(context));
        Optional<Container> byUuid = containers.findByUuid(ident, visible);
        if (byUuid.isPresent()) {
            return byUuid;
        }
        List<Container> named = containers.findByName(ident, visible);
        if (named.size() > 1) {
            throw new ConflictException("Multiple containers exist with the name " + ident + "; use a uuid");
        }
        return named.stream().findFirst();
    }

    private static ContainerEngine engine(CoeConnections.Target target)
    {
        return target.connection().containers().orElseThrow(() -> new NotSupportedException("A "
                + target.model().coe() + " bay has no containers" + (target.model().coe().equals("kubernetes")
                        ? "; use pods" : "")));
    }

    private Container store(Container container, Optional<String> coeId, ContainerStatus status)
    {
        Container next = new Container(container.uuid(), container.name(), container.bayUuid(), container.projectId(),
                container.userId(), container.image(), container.command(), container.memory(),
                container.environment(), status, coeId, container.createdAt(), Optional.of(now()));
        if (!containers.updateState(next)) {
            throw notFound(container.uuid());
        }
        return next;
    }

    private static void check(ContainerSpec spec)
    {
        if (spec == null) {
            throw InvalidInputException.of("container", "a container spec is required");
        }
        List<FieldViolation> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new FieldViolation("name", "name is required"));
        }
        else if (spec.name().length() > MAX_FIELD || !NAME.matcher(spec.name()).matches()) {
            errors.add(new FieldViolation("name", "name '" + spec.name() + "' must be 1 to " + MAX_FIELD
                    + " characters, start with a letter and hold only letters, digits, '_', '.' and '-'"));
        }
        if (spec.bay() == null || spec.bay().isBlank()) {
            errors.add(new FieldViolation("bay_uuid", "bay is required"));
        }
        if (spec.image() == null || spec.image().isBlank()) {
            errors.add(new FieldViolation("image", "image is required"));
        }
        else if (spec.image().length() > MAX_FIELD || spec.image().chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldViolation("image", "image '" + spec.image() + "' must be 1 to " + MAX_FIELD
                    + " characters without blanks"));
        }
        if (spec.command() != null && (spec.command().isBlank() || spec.command().length() > MAX_FIELD)) {
            errors.add(new FieldViolation("command", "command must be 1 to " + MAX_FIELD + " characters"));
        }
        if (spec.memory() != null && !MEMORY.matcher(spec.memory()).matches()) {
            errors.add(new FieldViolation("memory", "memory '" + spec.memory()
                    + "' must be a number with an optional unit b, k, m or g, such as 512m"));
        }
        for (Map.Entry<String, String> e : spec.environment().entrySet()) {
            if (e.getKey() == null || !ENV_KEY.matcher(e.getKey()).matches()) {
                errors.add(new FieldViolation("environment", "environment variable name '" + e.getKey()
                        + "' must start with a letter or '_' and hold only letters, digits, '_', '.' and '-'"));
            }
            else if (e.getValue() == null) {
                errors.add(new FieldViolation("environment", "environment variable " + e.getKey() + " has no value"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private Instant now()
    {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static NotFoundException notFound(String ident)
    {
        return new NotFoundException("Container " + ident + " could not be found");
    }
}
