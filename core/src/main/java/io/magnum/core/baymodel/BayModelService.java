package io.magnum.core.baymodel;

import io.magnum.ConflictException;
import io.magnum.InvalidInputException;
import io.magnum.NotFoundException;
import io.magnum.RequestContext;
import io.magnum.core.ListQuery;
import io.magnum.core.policy.Policy;
import io.magnum.core.store.BayModelStore;
import io.magnum.core.store.StoreErrors;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelField;
import io.magnum.model.BayModelSpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.PatchOperation;
import io.magnum.spi.FieldViolation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The baymodel operations behind the facade: policy, validation, then one store change. */
@Singleton
public final class BayModelService
{
    private static final Logger log = LoggerFactory.getLogger(BayModelService.class);

    /** What may still change on a baymodel that bays use: nothing a bay was built from. */
    private static final Set<String> CHANGEABLE_WHILE_USED = Set.of("name", "public");

    private final BayModelStore store;
    private final BayModelValidator validator;
    private final Clock clock;

    @Inject
    public BayModelService(BayModelStore store, BayModelValidator validator, Clock clock)
    {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    public BayModel create(RequestContext context, BayModelSpec spec)
    {
        if (spec == null) {
            throw InvalidInputException.of("baymodel", "a baymodel spec is required");
        }
        if (Boolean.TRUE.equals(spec.isPublic())) {
            Policy.requireAdmin(context, "create a public baymodel");
        }
        BayModelValidator.Valid valid = validator.validate(spec);
        BayModelSpec s = valid.spec();
        if (s.name() != null && store.nameTaken(context.projectId(), s.name(), null)) {
            throw duplicateName(context.projectId(), s.name());
        }
        BayModel model = toModel(UUID.randomUUID().toString(), context.projectId(), context.userId(), valid,
                now(), null);
        try {
            store.insert(model);
        }
        catch (DataAccessException e) {
            if (StoreErrors.isConstraintViolation(e) && s.name() != null) {
                throw duplicateName(context.projectId(), s.name());
            }
            throw e;
        }
        log.info("Created baymodel {} ({}) for project {}", model.uuid(), model.name(), model.projectId());
        return model;
    }

    public Optional<BayModel> find(RequestContext context, String ident)
    {
        requireIdent(ident);
        Condition visible = BayModelStore.visibleTo(Policy.listScope(context));
        if (BayModelValidator.looksLikeUuid(ident)) {
            Optional<BayModel> byUuid = store.findByUuid(ident, visible);
            if (byUuid.isPresent()) {
                return byUuid;
            }
        }
        List<BayModel> named = store.findByName(ident, visible);
        if (named.size() <= 1) {
            return named.stream().findFirst();
        }
        List<BayModel> own = named.stream().filter(m -> m.projectId().equals(context.projectId())).toList();
        if (own.size() == 1) {
            return Optional.of(own.get(0));
        }
        throw new ConflictException("Multiple baymodels exist with name " + ident
                + ". Please use the baymodel uuid instead.");
    }

    public BayModel get(RequestContext context, String ident)
    {
        return find(context, ident).orElseThrow(() -> new NotFoundException("Baymodel " + ident + " could not be found"));
    }

    public Page<BayModel> list(RequestContext context, ListOptions options)
    {
        ListQuery query = ListQuery.of(options, BayModelStore::sortable, java.util.Arrays.stream(BayModelField.values())
                .filter(BayModelField::sortable).map(BayModelField::apiName).toList());
        Condition visible = BayModelStore.visibleTo(Policy.listScope(context));
        BayModel marker = null;
        if (query.marker() != null) {
            marker = store.findByUuid(query.marker(), visible).orElseThrow(() -> InvalidInputException.of("marker",
                    "marker '" + query.marker() + "' is not the uuid of a baymodel you can see"));
        }
        List<BayModel> items = store.page(visible, query.sortKey(), query.descending(), marker, query.limit());
        Optional<String> next = items.size() == query.limit() ? Optional.of(items.get(items.size() - 1).uuid()) : Optional.empty();
        return new Page<>(items, next);
    }

    public BayModel update(RequestContext context, String ident, List<PatchOperation> operations)
    {
        BayModel current = get(context, ident);
        Policy.requireOwnerOrAdmin(context, current.projectId(), "update baymodel " + ident);
        BayModelSpec patched = BayModelPatch.apply(current.toSpec(), operations);
        if (!Objects.equals(patched.isPublic(), current.isPublic())) {
            Policy.requireAdmin(context, "change whether a baymodel is public");
        }
        BayModelValidator.Valid valid = validator.validate(patched);
        List<String> changed = changedFields(current.toSpec(), valid.spec());
        if (!CHANGEABLE_WHILE_USED.containsAll(changed)) {
            int bays = store.countBays(current.uuid());
            if (bays > 0) {
                throw new ConflictException("Baymodel " + ident + " is used by " + bays + " bay(s); only name and"
                        + " public may change while it is in use");
            }
        }
        String name = valid.spec().name();
        if (name != null && !name.equals(current.name()) && store.nameTaken(current.projectId(), name, current.uuid())) {
            throw duplicateName(current.projectId(), name);
        }
        BayModel updated = toModel(current.uuid(), current.projectId(), current.userId(), valid, current.createdAt(), now());
        try {
            if (!store.update(updated)) {
                throw new NotFoundException("Baymodel " + ident + " could not be found");
            }
        }
        catch (DataAccessException e) {
            if (StoreErrors.isConstraintViolation(e) && name != null) {
                throw duplicateName(current.projectId(), name);
            }
            throw e;
        }
        log.info("Updated baymodel {} ({}): {}", updated.uuid(), updated.name(), changed);
        return updated;
    }

    public void delete(RequestContext context, String ident)
    {
        BayModel current = get(context, ident);
        Policy.requireOwnerOrAdmin(context, current.projectId(), "delete baymodel " + ident);
        int bays;
        try {
            bays = store.deleteUnlessUsed(current.uuid());
        }
        catch (DataAccessException e) {
            if (StoreErrors.isConstraintViolation(e)) {
                // a bay was created between the count and the delete; the foreign key caught it
                throw inUse(ident, 1);
            }
            throw e;
        }
        if (bays > 0) {
            throw inUse(ident, bays);
        }
        log.info("Deleted baymodel {} ({})", current.uuid(), current.name());
    }

    private static ConflictException inUse(String ident, int bays)
    {
        return new ConflictException("Baymodel " + ident + " is used by " + bays + " bay(s) and cannot be deleted");
    }

    private static List<String> changedFields(BayModelSpec before, BayModelSpec after)
    {
        Map<String, Object> a = before.toAttributes();
        Map<String, Object> b = after.toAttributes();
        List<String> changed = new ArrayList<>();
        for (BayModelField field : BayModelField.values()) {
            if (field.writable() && !Objects.equals(a.get(field.apiName()), b.get(field.apiName()))) {
                changed.add(field.apiName());
            }
        }
        return changed;
    }

    private static void requireIdent(String ident)
    {
        if (ident == null || ident.isBlank()) {
            throw InvalidInputException.of("ident", "a baymodel uuid or name is required");
        }
    }

    private static ConflictException duplicateName(String projectId, String name)
    {
        return new ConflictException("A baymodel named " + name + " already exists in project " + projectId);
    }

    private Instant now()
    {
        return clock.instant();
    }

    private static BayModel toModel(String uuid, String projectId, String userId, BayModelValidator.Valid valid,
            Instant createdAt, Instant updatedAt)
    {
        BayModelSpec s = valid.spec();
        return new BayModel(uuid, s.name(), projectId, userId, s.coe(), s.imageId(), s.flavorId(),
                s.masterFlavorId(), s.keypairId(), s.externalNetworkId(), s.fixedNetwork(), s.dnsNameserver(),
                s.dockerVolumeSize(), s.networkDriver(), s.apiserverPort(), s.httpProxy(), s.httpsProxy(),
                s.noProxy(), s.labels(), s.tlsDisabled(), s.isPublic(), s.registryEnabled(), s.serverType(),
                valid.clusterDistro(), truncate(createdAt), truncate(updatedAt));
    }

    private static Instant truncate(Instant instant)
    {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
