package io.magnum.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import io.magnum.core.store.jooq.tables.records.QuotasRecord;
import io.magnum.model.Quota;

import static io.magnum.core.store.jooq.Tables.BAY;
import static io.magnum.core.store.jooq.Tables.QUOTAS;

/** The {@code quotas} rows, and the bay counts they are checked against. */
@Singleton
public final class QuotaStore
{
    private final DSLContext dsl;

    @Inject
    public QuotaStore(Database database)
    {
        this.dsl = database.dsl();
    }

    /**
     * @return the stored quota
     * @throws org.jooq.exception.DataAccessException a constraint violation when the project has one already
     */
    public Quota insert(String projectId, String resource, int hardLimit, Instant now)
    {
        QuotasRecord record = dsl.newRecord(QUOTAS);
        record.setProjectId(projectId);
        record.setResource(resource);
        record.setHardLimit(hardLimit);
        record.setCreatedAt(Timestamps.toColumn(now));
        record.insert();
        return find(projectId, resource).orElseThrow();
    }

    public Optional<Quota> find(String projectId, String resource)
    {
        return dsl.selectFrom(QUOTAS).where(QUOTAS.PROJECT_ID.eq(projectId)).and(QUOTAS.RESOURCE.eq(resource))
                .fetchOptional().map(QuotaStore::quota);
    }

    /** @param projectId a project, or null for every project @return the rows, by id */
    public List<Quota> list(String projectId)
    {
        Condition condition = projectId == null ? DSL.trueCondition() : QUOTAS.PROJECT_ID.eq(projectId);
        return dsl.selectFrom(QUOTAS).where(condition).orderBy(QUOTAS.ID).fetch(QuotaStore::quota);
    }

    /** @return whether there was such a row */
    public boolean update(String projectId, String resource, int hardLimit, Instant now)
    {
        return dsl.update(QUOTAS).set(QUOTAS.HARD_LIMIT, hardLimit).set(QUOTAS.UPDATED_AT, Timestamps.toColumn(now))
                .where(QUOTAS.PROJECT_ID.eq(projectId)).and(QUOTAS.RESOURCE.eq(resource)).execute() == 1;
    }

    /** @return whether there was such a row */
    public boolean delete(String projectId, String resource)
    {
        return dsl.deleteFrom(QUOTAS).where(QUOTAS.PROJECT_ID.eq(projectId)).and(QUOTAS.RESOURCE.eq(resource))
                .execute() == 1;
    }

    /** @return how many bays the project holds, whatever their status */
    public int bayCount(String projectId)
    {
        return dsl.fetchCount(BAY, BAY.PROJECT_ID.eq(projectId));
    }

    private static Quota quota(QuotasRecord record)
    {
        return new Quota(record.getId(), record.getProjectId(), record.getResource(), record.getHardLimit(),
                Timestamps.fromColumn(record.getCreatedAt()), Timestamps.fromColumn(record.getUpdatedAt()));
    }
}
