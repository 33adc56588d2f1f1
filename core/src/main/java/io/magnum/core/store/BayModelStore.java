package io.magnum.core.store;

import io.magnum.model.BayModel;
import io.magnum.core.store.jooq.tables.records.BaymodelRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static io.magnum.core.store.jooq.Tables.BAY;
import static io.magnum.core.store.jooq.Tables.BAYMODEL;

/** Baymodel rows. Knows nothing of policy: callers pass the condition that says what the caller may see. */
@Singleton
public final class BayModelStore
{
    private final DSLContext dsl;

    @Inject
    public BayModelStore(Database database)
    {
        this.dsl = database.dsl();
    }

    /**
     * @param projectId the caller's project, or null for every project (an admin)
     * @return the rows such a caller may see: its project's and the public ones
     */
    public static Condition visibleTo(String projectId)
    {
        return projectId == null ? DSL.trueCondition() : BAYMODEL.PROJECT_ID.eq(projectId).or(BAYMODEL.PUBLIC.isTrue());
    }

    /**
     * Inserts a baymodel.
     *
     * @param model the baymodel, with its uuid and timestamps
     */
    public void insert(BayModel model)
    {
        BaymodelRecord record = dsl.newRecord(BAYMODEL);
        fill(record, model);
        record.setUuid(model.uuid());
        record.setProjectId(model.projectId());
        record.setUserId(model.userId());
        record.setCreatedAt(Timestamps.toColumn(model.createdAt()));
        record.insert();
    }

    /**
     * Replaces the user-settable columns, the distribution and {@code updated_at} of a baymodel.
     *
     * @param model the new values
     * @return whether a row was updated
     */
    public boolean update(BayModel model)
    {
        BaymodelRecord record = dsl.newRecord(BAYMODEL);
        fill(record, model);
        record.setUpdatedAt(Timestamps.toColumn(model.updatedAt()));
        record.changed(BAYMODEL.ID, false);
        return dsl.update(BAYMODEL).set(record).where(BAYMODEL.UUID.eq(model.uuid())).execute() == 1;
    }

    /**
     * Deletes a baymodel that no bay uses, in one transaction.
     *
     * @param uuid the baymodel
     * @return the number of bays using it (nothing deleted) or 0 (deleted, or already gone)
     */
    public int deleteUnlessUsed(String uuid)
    {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            int bays = tx.fetchCount(BAY, BAY.BAYMODEL_ID.eq(uuid));
            if (bays == 0) {
                tx.deleteFrom(BAYMODEL).where(BAYMODEL.UUID.eq(uuid)).execute();
            }
            return bays;
        });
    }

    /**
     * @param uuid a baymodel
     * @return how many bays use it
     */
    public int countBays(String uuid)
    {
        return dsl.fetchCount(BAY, BAY.BAYMODEL_ID.eq(uuid));
    }

    /**
     * @param uuid    a uuid
     * @param visible what the caller may see
     * @return the baymodel, if visible
     */
    public Optional<BayModel> findByUuid(String uuid, Condition visible)
    {
        return dsl.selectFrom(BAYMODEL).where(BAYMODEL.UUID.eq(uuid)).and(visible).fetchOptional().map(BayModelStore::toModel);
    }

    /**
     * @param name    a name
     * @param visible what the caller may see
     * @return every visible baymodel of that name
     */
    public List<BayModel> findByName(String name, Condition visible)
    {
        return dsl.selectFrom(BAYMODEL).where(BAYMODEL.NAME.eq(name)).and(visible).orderBy(BAYMODEL.ID)
                .fetch(BayModelStore::toModel);
    }

    /**
     * @param projectId   a project
     * @param name        a name
     * @param exceptUuid  a baymodel to ignore (the one being renamed), or null
     * @return whether another baymodel of the project has the name
     */
    public boolean nameTaken(String projectId, String name, String exceptUuid)
    {
        Condition condition = BAYMODEL.PROJECT_ID.eq(projectId).and(BAYMODEL.NAME.eq(name));
        if (exceptUuid != null) {
            condition = condition.and(BAYMODEL.UUID.ne(exceptUuid));
        }
        return dsl.fetchExists(BAYMODEL, condition);
    }

    /**
     * One page, sorted by a column with the id as tie-breaker, starting after a marker row.
     *
     * @param visible    what the caller may see
     * @param sortColumn the column name to sort by
     * @param descending whether to sort descending
     * @param marker     the baymodel to start after, or null
     * @param limit      the page size
     * @return the page's rows
     */
    public List<BayModel> page(Condition visible, String sortColumn, boolean descending, BayModel marker, int limit)
    {
        return Paging.page(dsl, BAYMODEL, BAYMODEL.ID, BAYMODEL.UUID, visible, sortColumn, descending,
                marker == null ? null : marker.uuid(), limit).map(BayModelStore::toModel);
    }

    /** @return whether the column exists and may be sorted by */
    public static boolean sortable(String column)
    {
        return Paging.sortable(BAYMODEL, column, java.util.Set.of(BAYMODEL.LABELS.getName()));
    }

    private static void fill(BaymodelRecord record, BayModel model)
    {
        record.setName(model.name());
        record.setCoe(model.coe());
        record.setImageId(model.imageId());
        record.setFlavorId(model.flavorId());
        record.setMasterFlavorId(model.masterFlavorId());
        record.setKeypairId(model.keypairId());
        record.setExternalNetworkId(model.externalNetworkId());
        record.setFixedNetwork(model.fixedNetwork());
        record.setDnsNameserver(model.dnsNameserver());
        record.setDockerVolumeSize(model.dockerVolumeSize());
        record.setNetworkDriver(model.networkDriver());
        record.setApiserverPort(model.apiserverPort());
        record.setHttpProxy(model.httpProxy());
        record.setHttpsProxy(model.httpsProxy());
        record.setNoProxy(model.noProxy());
        record.setLabels(Json.write(model.labels()));
        record.setTlsDisabled(model.tlsDisabled());
        record.setPublic(model.isPublic());
        record.setRegistryEnabled(model.registryEnabled());
        record.setServerType(model.serverType());
        record.setClusterDistro(model.clusterDistro());
    }

    private static BayModel toModel(BaymodelRecord r)
    {
        return new BayModel(r.getUuid(), r.getName(), r.getProjectId(), r.getUserId(), r.getCoe(), r.getImageId(),
                r.getFlavorId(), r.getMasterFlavorId(), r.getKeypairId(), r.getExternalNetworkId(),
                r.getFixedNetwork(), r.getDnsNameserver(), r.getDockerVolumeSize(), r.getNetworkDriver(),
                r.getApiserverPort(), r.getHttpProxy(), r.getHttpsProxy(), r.getNoProxy(), Json.readMap(r.getLabels()),
                r.getTlsDisabled(), r.getPublic(), r.getRegistryEnabled(), r.getServerType(), r.getClusterDistro(),
                Timestamps.fromColumn(r.getCreatedAt()), Timestamps.fromColumn(r.getUpdatedAt()));
    }
}
