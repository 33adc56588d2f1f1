package io.magnum.core.store;

import io.magnum.core.store.jooq.tables.records.BayRecord;
import io.magnum.model.Bay;
import io.magnum.model.BayStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.magnum.core.store.jooq.Tables.BAY;

/** Bay rows. Policy-free: callers pass what the caller may see. */
@Singleton
public final class BayStore
{
    private final DSLContext dsl;

    @Inject
    public BayStore(Database database)
    {
        this.dsl = database.dsl();
    }

    /**
     * @param projectId the caller's project, or null for every project (an admin)
     * @return the rows such a caller may see
     */
    public static Condition visibleTo(String projectId)
    {
        return projectId == null ? DSL.trueCondition() : BAY.PROJECT_ID.eq(projectId);
    }

    public void insert(Bay bay)
    {
        BayRecord record = dsl.newRecord(BAY);
        record.setUuid(bay.uuid());
        record.setProjectId(bay.projectId());
        record.setUserId(bay.userId());
        record.setBaymodelId(bay.bayModelId());
        record.setCreatedAt(Timestamps.toColumn(bay.createdAt()));
        fill(record, bay);
        record.insert();
    }

    /**
     * Stores a bay's changing fields.
     *
     * @param bay the new values
     * @return whether the row exists
     */
    public boolean update(Bay bay)
    {
        BayRecord record = dsl.newRecord(BAY);
        fill(record, bay);
        return dsl.update(BAY).set(record).where(BAY.UUID.eq(bay.uuid())).execute() == 1;
    }

    /**
     * Stores a bay's changing fields only if its status is still the expected one: a transition never overwrites
     * a newer one (a delete that took over a create, say).
     *
     * @param bay      the new values
     * @param expected the status the row must have
     * @return whether the row was updated
     */
    public boolean update(Bay bay, BayStatus expected)
    {
        BayRecord record = dsl.newRecord(BAY);
        fill(record, bay);
        return dsl.update(BAY).set(record).where(BAY.UUID.eq(bay.uuid())).and(BAY.STATUS.eq(expected.name())).execute() == 1;
    }

    /**
     * Stores a new api_address for a bay, leaving every other field alone.
     *
     * @param uuid       the bay
     * @param apiAddress the address
     * @return whether the row exists
     */
    public boolean updateApiAddress(String uuid, String apiAddress)
    {
        return dsl.update(BAY).set(BAY.API_ADDRESS, apiAddress).where(BAY.UUID.eq(uuid)).execute() == 1;
    }

    public boolean delete(String uuid)
    {
        return dsl.deleteFrom(BAY).where(BAY.UUID.eq(uuid)).execute() == 1;
    }

    public Optional<Bay> findByUuid(String uuid, Condition visible)
    {
        return dsl.selectFrom(BAY).where(BAY.UUID.eq(uuid)).and(visible).fetchOptional().map(BayStore::toBay);
    }

    public List<Bay> findByName(String name, Condition visible)
    {
        return dsl.selectFrom(BAY).where(BAY.NAME.eq(name)).and(visible).orderBy(BAY.ID).fetch(BayStore::toBay);
    }

    /**
     * @param projectId a project, or null for every project
     * @return its bays and the nodes they were asked for, counted by the database
     */
    public io.magnum.model.BayStats stats(String projectId)
    {
        Condition condition = projectId == null ? DSL.trueCondition() : BAY.PROJECT_ID.eq(projectId);
        var row = dsl.select(DSL.count(), DSL.sum(BAY.NODE_COUNT.plus(BAY.MASTER_COUNT))).from(BAY).where(condition)
                .fetchOne();
        return new io.magnum.model.BayStats(row.value1(), row.value2() == null ? 0 : row.value2().longValue());
    }

    public boolean nameTaken(String projectId, String name)
    {
        return dsl.fetchExists(BAY, BAY.PROJECT_ID.eq(projectId).and(BAY.NAME.eq(name)));
    }

    /** @return every bay with an operation in progress, of every project */
    public List<Bay> inProgress()
    {
        return dsl.selectFrom(BAY).where(BAY.STATUS.in(BayStatus.CREATE_IN_PROGRESS.name(),
                BayStatus.UPDATE_IN_PROGRESS.name(), BayStatus.DELETE_IN_PROGRESS.name())).orderBy(BAY.ID)
                .fetch(BayStore::toBay);
    }

    public List<Bay> page(Condition visible, String sortColumn, boolean descending, String markerUuid, int limit)
    {
        return Paging.page(dsl, BAY, BAY.ID, BAY.UUID, visible, sortColumn, descending, markerUuid, limit)
                .map(BayStore::toBay);
    }

    public static boolean sortable(String column)
    {
        return Paging.sortable(BAY, column, Set.of(BAY.NODE_ADDRESSES.getName(), BAY.MASTER_ADDRESSES.getName(),
                BAY.CA_CERT_REF.getName(), BAY.MAGNUM_CERT_REF.getName(), BAY.STATUS_REASON.getName()));
    }

    private static void fill(BayRecord record, Bay bay)
    {
        record.setName(bay.name());
        record.setStackId(bay.stackId());
        record.setStatus(bay.status().name());
        record.setStatusReason(bay.statusReason());
        record.setNodeCount(bay.nodeCount());
        record.setMasterCount(bay.masterCount());
        record.setDiscoveryUrl(bay.discoveryUrl());
        record.setApiAddress(bay.apiAddress());
        record.setNodeAddresses(Json.write(bay.nodeAddresses()));
        record.setMasterAddresses(Json.write(bay.masterAddresses()));
        record.setBayCreateTimeout(bay.bayCreateTimeout());
        record.setUpdatedAt(Timestamps.toColumn(bay.updatedAt()));
    }

    private static Bay toBay(BayRecord r)
    {
        return new Bay(r.getUuid(), r.getName(), r.getProjectId(), r.getUserId(), r.getBaymodelId(), r.getStackId(),
                BayStatus.valueOf(r.getStatus()), r.getStatusReason(), r.getNodeCount(), r.getMasterCount(),
                r.getDiscoveryUrl(), r.getApiAddress(), Json.readList(r.getNodeAddresses()),
                Json.readList(r.getMasterAddresses()), r.getBayCreateTimeout(), Timestamps.fromColumn(r.getCreatedAt()),
                Timestamps.fromColumn(r.getUpdatedAt()));
    }
}
