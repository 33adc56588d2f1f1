package io.magnum.core.bay;

import io.magnum.ConflictException;
import io.magnum.InvalidInputException;
import io.magnum.NotFoundException;
import io.magnum.RequestContext;
import io.magnum.core.ListQuery;
import io.magnum.core.baymodel.BayModelService;
import io.magnum.core.baymodel.BayModelValidator;
import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.policy.Policy;
import io.magnum.core.store.BayLocks;
import io.magnum.core.store.BayStore;
import io.magnum.core.store.Database;
import io.magnum.core.store.StoreErrors;
import io.magnum.model.Bay;
import io.magnum.model.BayModel;
import io.magnum.model.BaySpec;
import io.magnum.model.BayStatus;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.PatchOperation;
import io.magnum.core.quota.QuotaService;
import io.magnum.spi.FieldViolation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** The bay operations behind the facade: validation and policy, then one transaction, then the conductor. */
@Singleton
public final class BayService
{
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*");
    private static final int MAX_NAME = 242;

    private final MagnumConfig config;
    private final Database database;
    private final BayStore bays;
    private final BayModelService bayModels;
    private final BayModelValidator validator;
    private final BayConductor conductor;
    private final BayEvents events;
    private final Clock clock;
    private final QuotaService quotas;

    @Inject
    public BayService(MagnumConfig config, Database database, BayStore bays, BayModelService bayModels,
            BayModelValidator validator, BayConductor conductor, BayEvents events, Clock clock, QuotaService quotas)
    {
        this.quotas = quotas;
        this.config = config;
        this.database = database;
        this.bays = bays;
        this.bayModels = bayModels;
        this.validator = validator;
        this.conductor = conductor;
        this.events = events;
        this.clock = clock;
    }

    public Operation create(RequestContext context, BaySpec spec)
    {
        if (spec == null) {
            throw InvalidInputException.of("bay", "a bay spec is required");
        }
        List<FieldViolation> errors = new ArrayList<>();
        if (spec.name() != null) {
            if (spec.name().isEmpty() || spec.name().length() > MAX_NAME || !NAME.matcher(spec.name()).matches()) {
                errors.add(new FieldViolation("name", "name '" + spec.name() + "' must be 1 to " + MAX_NAME
                        + " characters, start with a letter and hold only letters, digits, '_', '.' and '-'"));
            }
            else if (BayModelValidator.looksLikeUuid(spec.name())) {
                errors.add(new FieldViolation("name", "name '" + spec.name() + "' must not look like a uuid"));
            }
        }
        int nodes = spec.nodeCount() == null ? 1 : spec.nodeCount();
        int masters = spec.masterCount() == null ? 1 : spec.masterCount();
        int timeout = spec.bayCreateTimeout() == null ? 0 : spec.bayCreateTimeout();
        if (nodes < 1) {
            errors.add(new FieldViolation("node_count", "node_count must be at least 1, not " + nodes));
        }
        if (masters < 1) {
            errors.add(new FieldViolation("master_count", "master_count must be at least 1, not " + masters));
        }
        if (timeout < 0) {
            errors.add(new FieldViolation("bay_create_timeout", "bay_create_timeout must be 0 (none) or more minutes, not "
                    + timeout));
        }
        if (spec.discoveryUrl() != null && (spec.discoveryUrl().isBlank() || spec.discoveryUrl().length() > 255)) {
            errors.add(new FieldViolation("discovery_url", "discovery_url must be 1 to 255 characters"));
        }
        BayModel model = null;
        if (spec.bayModel() == null || spec.bayModel().isBlank()) {
            errors.add(new FieldViolation("baymodel_id", "baymodel_id is required"));
        }
        else {
            model = bayModels.find(context, spec.bayModel()).orElse(null);
            if (model == null) {
                errors.add(new FieldViolation("baymodel_id", "baymodel " + spec.bayModel() + " could not be found"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // as Magnum does at bay create: the baymodel's image, keypair, flavors and network must still exist
        validator.validate(model.toSpec());
        conductor.driverOf(model);
        if (spec.name() != null && bays.nameTaken(context.projectId(), spec.name())) {
            throw duplicate(context.projectId(), spec.name());
        }
        quotas.checkBayCreate(context.projectId());
        String uuid = UUID.randomUUID().toString();
        String discovery = spec.discoveryUrl() != null ? spec.discoveryUrl()
                : "https://discovery.etcd.io/" + UUID.nameUUIDFromBytes(uuid.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString().replace("-", "");
        Instant now = now();
        Bay bay = new Bay(uuid, spec.name(), context.projectId(), context.userId(), model.uuid(), null,
                BayStatus.CREATE_IN_PROGRESS, "Bay create requested", nodes, masters, discovery, null, List.of(),
                List.of(), timeout, now, null);
        try {
            database.dsl().transaction(c -> {
                DSLContext tx = c.dsl();
                new BayStore(txDatabase(tx)).insert(bay);
                BayLocks.acquire(tx, uuid, config.conductorId(), "CREATE", now);
            });
        }
        catch (DataAccessException e) {
            if (StoreErrors.isConstraintViolation(e) && spec.name() != null) {
                throw duplicate(context.projectId(), spec.name());
            }
            throw e;
        }
        CompletableFuture<Bay> future = events.waiter(uuid);
        events.published(bay, null, false);
        conductor.submitCreate(uuid);
        return new Operation(bay, future, stored(uuid));
    }

    public Optional<Bay> find(RequestContext context, String ident)
    {
        if (ident == null || ident.isBlank()) {
            throw InvalidInputException.of("ident", "a bay uuid or name is required");
        }
        Condition visible = BayStore.visibleTo(Policy.listScope(context));
        if (BayModelValidator.looksLikeUuid(ident)) {
            Optional<Bay> byUuid = bays.findByUuid(ident, visible);
            if (byUuid.isPresent()) {
                return byUuid;
            }
        }
        List<Bay> named = bays.findByName(ident, visible);
        if (named.size() <= 1) {
            return named.stream().findFirst();
        }
        List<Bay> own = named.stream().filter(b -> b.projectId().equals(context.projectId())).toList();
        if (own.size() == 1) {
            return Optional.of(own.get(0));
        }
        throw new ConflictException("Multiple bays exist with name " + ident + ". Please use the bay uuid instead.");
    }

    public Bay get(RequestContext context, String ident)
    {
        return find(context, ident).orElseThrow(() -> new NotFoundException("Bay " + ident + " could not be found"));
    }

    public io.magnum.model.BayStats stats(RequestContext context, String projectId)
    {
        if (projectId != null && projectId.isBlank()) {
            throw InvalidInputException.of("project_id", "project_id must not be blank");
        }
        if (projectId == null) {
            return bays.stats(Policy.listScope(context));
        }
        Policy.requireOwnerOrAdmin(context, projectId, "see the stats of project " + projectId);
        return bays.stats(projectId);
    }

    public Page<Bay> list(RequestContext context, ListOptions options)
    {
        ListQuery query = ListQuery.of(options, BayStore::sortable, List.of("uuid", "name", "baymodel_id", "stack_id",
                "status", "node_count", "master_count", "discovery_url", "api_address", "bay_create_timeout",
                "created_at", "updated_at"));
        Condition visible = BayStore.visibleTo(Policy.listScope(context));
        if (query.marker() != null && bays.findByUuid(query.marker(), visible).isEmpty()) {
            throw InvalidInputException.of("marker", "marker '" + query.marker() + "' is not the uuid of a bay you can see");
        }
        List<Bay> items = bays.page(visible, query.sortKey(), query.descending(), query.marker(), query.limit());
        return new Page<>(items, items.size() == query.limit() ? Optional.of(items.get(items.size() - 1).uuid())
                : Optional.empty());
    }

    public Operation update(RequestContext context, String ident, List<PatchOperation> operations)
    {
        Bay bay = get(context, ident);
        Policy.requireOwnerOrAdmin(context, bay.projectId(), "update bay " + ident);
        int nodes = nodeCount(bay, operations);
        if (bay.status().inProgress()) {
            throw busy(bay);
        }
        if (!bay.status().complete()) {
            throw new ConflictException("Updating a bay when its status is " + bay.status()
                    + " is not supported; a failed bay can only be deleted");
        }
        if (nodes == bay.nodeCount()) {
            CompletableFuture<Bay> done = CompletableFuture.completedFuture(bay);
            return new Operation(bay, done);
        }
        Instant now = now();
        Bay updating = new Bay(bay.uuid(), bay.name(), bay.projectId(), bay.userId(), bay.bayModelId(), bay.stackId(),
                BayStatus.UPDATE_IN_PROGRESS, "Bay update requested: node_count " + bay.nodeCount() + " -> " + nodes,
                nodes, bay.masterCount(), bay.discoveryUrl(), bay.apiAddress(), bay.nodeAddresses(),
                bay.masterAddresses(), bay.bayCreateTimeout(), bay.createdAt(), now);
        conductor.expect(bay.uuid());
        boolean accepted = false;
        try {
            accepted = database.dsl().transactionResult(c -> {
                DSLContext tx = c.dsl();
                if (!BayLocks.acquire(tx, bay.uuid(), config.conductorId(), "UPDATE", now)) {
                    return false;
                }
                return new BayStore(txDatabase(tx)).update(updating, bay.status());
            });
        }
        finally {
            if (!accepted) {
                conductor.notSubmitted(bay.uuid());
            }
        }
        if (!accepted) {
            throw busy(get(context, bay.uuid()));
        }
        CompletableFuture<Bay> future = events.waiter(bay.uuid());
        events.published(updating, bay.status(), false);
        conductor.submitUpdate(bay.uuid());
        return new Operation(updating, future, stored(bay.uuid()));
    }

    public Operation delete(RequestContext context, String ident)
    {
        Bay bay = get(context, ident);
        Policy.requireOwnerOrAdmin(context, bay.projectId(), "delete bay " + ident);
        if (bay.status() == BayStatus.DELETE_IN_PROGRESS) {
            throw busy(bay);
        }
        Instant now = now();
        Bay deleting = new Bay(bay.uuid(), bay.name(), bay.projectId(), bay.userId(), bay.bayModelId(), bay.stackId(),
                BayStatus.DELETE_IN_PROGRESS, "Bay delete requested", bay.nodeCount(), bay.masterCount(),
                bay.discoveryUrl(), bay.apiAddress(), bay.nodeAddresses(), bay.masterAddresses(), bay.bayCreateTimeout(),
                bay.createdAt(), now);
        conductor.expect(bay.uuid());
        boolean accepted = false;
        try {
            accepted = database.dsl().transactionResult(c -> {
                DSLContext tx = c.dsl();
                // a delete takes over a create or update in progress, as Heat's delete cancels them
                BayLocks.takeOver(tx, bay.uuid(), config.conductorId(), "DELETE", now);
                return new BayStore(txDatabase(tx)).update(deleting, bay.status());
            });
        }
        finally {
            if (!accepted) {
                conductor.notSubmitted(bay.uuid());
            }
        }
        if (!accepted) {
            throw busy(get(context, bay.uuid()));
        }
        CompletableFuture<Bay> future = events.waiter(bay.uuid());
        events.published(deleting, bay.status(), false);
        conductor.submitDelete(bay.uuid());
        return new Operation(deleting, future, stored(bay.uuid()));
    }

    public Operation watch(RequestContext context, String ident)
    {
        Bay bay = get(context, ident);
        CompletableFuture<Bay> future = events.waiter(bay.uuid());
        Optional<Bay> now = bays.findByUuid(bay.uuid(), BayStore.visibleTo(null));
        if (now.isEmpty()) {
            events.settle(bay, true);
        }
        else if (!now.get().status().inProgress()) {
            events.settle(now.get(), false);
        }
        return new Operation(now.orElse(bay), future, stored(bay.uuid()));
    }

    private java.util.function.Supplier<Optional<Bay>> stored(String uuid)
    {
        return () -> bays.findByUuid(uuid, BayStore.visibleTo(null));
    }

    private static int nodeCount(Bay bay, List<PatchOperation> operations)
    {
        if (operations == null || operations.isEmpty()) {
            throw InvalidInputException.of("patch", "a patch needs at least one operation");
        }
        Integer nodes = null;
        List<FieldViolation> errors = new ArrayList<>();
        for (PatchOperation operation : operations) {
            if (operation == null) {
                errors.add(new FieldViolation("patch", "a patch operation is missing (null)"));
                continue;
            }
            String path = operation.path() == null ? "" : operation.path().strip();
            path = path.startsWith("/") ? path.substring(1) : path;
            String op = operation.op() == null ? "" : operation.op().toLowerCase(Locale.ROOT);
            if (!path.equals("node_count")) {
                errors.add(new FieldViolation(path.isEmpty() ? "path" : path, "only node_count can be updated on a bay, not '"
                        + path + "'"));
                continue;
            }
            if (!op.equals("replace") && !op.equals("add")) {
                errors.add(new FieldViolation("node_count", "node_count can only be replaced, not '" + operation.op() + "'"));
                continue;
            }
            try {
                nodes = Integer.valueOf(String.valueOf(operation.value()).trim());
                if (nodes < 1) {
                    errors.add(new FieldViolation("node_count", "node_count must be at least 1, not " + nodes));
                }
            }
            catch (NumberFormatException e) {
                errors.add(new FieldViolation("node_count", "node_count must be an integer, not '" + operation.value() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return nodes;
    }

    private static ConflictException busy(Bay bay)
    {
        return new ConflictException("Bay " + (bay.name() == null ? bay.uuid() : bay.name())
                + " already has an operation in progress (" + bay.status() + ")");
    }

    private static ConflictException duplicate(String projectId, String name)
    {
        return new ConflictException("A bay named " + name + " already exists in project " + projectId);
    }

    private Instant now()
    {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Database txDatabase(DSLContext tx)
    {
        return Database.wrap(tx);
    }
}
