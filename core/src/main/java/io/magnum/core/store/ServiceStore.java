package io.magnum.core.store;

import io.magnum.core.store.jooq.tables.records.MagnumServiceRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;

import static io.magnum.core.store.jooq.Tables.MAGNUM_SERVICE;

/** {@code magnum_service} rows: one per (host, binary). */
@Singleton
public final class ServiceStore
{
    private final DSLContext dsl;

    @Inject
    public ServiceStore(Database database)
    {
        this.dsl = database.dsl();
    }

    /**
     * Records a heartbeat: creates the row on first report, then counts reports and stamps {@code last_seen_up},
     * in one transaction.
     *
     * @param host   the host
     * @param binary the service
     * @param now    the time of the report
     */
    public void heartbeat(String host, String binary, Instant now)
    {
        dsl.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            int updated = tx.update(MAGNUM_SERVICE)
                    .set(MAGNUM_SERVICE.REPORT_COUNT, MAGNUM_SERVICE.REPORT_COUNT.plus(1))
                    .set(MAGNUM_SERVICE.LAST_SEEN_UP, Timestamps.toColumn(now))
                    .set(MAGNUM_SERVICE.UPDATED_AT, Timestamps.toColumn(now))
                    .where(MAGNUM_SERVICE.HOST.eq(host)).and(MAGNUM_SERVICE.BINARY_NAME.eq(binary))
                    .execute();
            if (updated == 0) {
                MagnumServiceRecord record = tx.newRecord(MAGNUM_SERVICE);
                record.setHost(host);
                record.setBinaryName(binary);
                record.setDisabled(false);
                record.setForcedDown(false);
                record.setReportCount(1);
                record.setLastSeenUp(Timestamps.toColumn(now));
                record.setCreatedAt(Timestamps.toColumn(now));
                record.insert();
            }
        });
    }

    /** @return every row, by id */
    public List<MagnumServiceRecord> list()
    {
        return dsl.selectFrom(MAGNUM_SERVICE).orderBy(MAGNUM_SERVICE.ID).fetch();
    }
}
