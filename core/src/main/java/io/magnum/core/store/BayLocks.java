package io.magnum.core.store;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.magnum.core.store.jooq.Tables.BAY_LOCK;

/**
 * The bay lock table: one operation per bay at a time, across every process that shares the database. A lock is
 * owned by a conductor (its host name); the owner refreshes it while the operation runs, and a lock not refreshed
 * for longer than the stale age belongs to a dead conductor and may be taken over.
 */
@Singleton
public final class BayLocks
{
    /** A held lock. */
    public record Lock(String bayUuid, String conductorId, String operation, Instant acquiredAt)
    {
    }

    private final DSLContext dsl;

    @Inject
    public BayLocks(Database database)
    {
        this.dsl = database.dsl();
    }

    /**
     * Takes the lock for an operation, inside the caller's transaction.
     *
     * @param tx        the transaction
     * @param bayUuid   the bay
     * @param conductor this conductor
     * @param operation CREATE, UPDATE or DELETE
     * @param now       the time
     * @return whether the lock was free (or already this conductor's) and is now held
     */
    public static boolean acquire(DSLContext tx, String bayUuid, String conductor, String operation, Instant now)
    {
        int updated = tx.update(BAY_LOCK).set(BAY_LOCK.OPERATION, operation).set(BAY_LOCK.ACQUIRED_AT, Timestamps.toColumn(now))
                .where(BAY_LOCK.BAY_UUID.eq(bayUuid)).and(BAY_LOCK.CONDUCTOR_ID.eq(conductor)).execute();
        if (updated == 1) {
            return true;
        }
        try {
            tx.insertInto(BAY_LOCK).set(BAY_LOCK.BAY_UUID, bayUuid).set(BAY_LOCK.CONDUCTOR_ID, conductor)
                    .set(BAY_LOCK.OPERATION, operation).set(BAY_LOCK.ACQUIRED_AT, Timestamps.toColumn(now)).execute();
            return true;
        }
        catch (DataAccessException e) {
            if (StoreErrors.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Takes a lock whatever holds it: a delete takes over a create or update in progress.
     *
     * @param tx        the transaction
     * @param bayUuid   the bay
     * @param conductor this conductor
     * @param operation the operation
     * @param now       the time
     */
    public static void takeOver(DSLContext tx, String bayUuid, String conductor, String operation, Instant now)
    {
        tx.deleteFrom(BAY_LOCK).where(BAY_LOCK.BAY_UUID.eq(bayUuid)).execute();
        acquire(tx, bayUuid, conductor, operation, now);
    }

    /**
     * Takes over a lock whose owner stopped refreshing it.
     *
     * @param bayUuid   the bay
     * @param conductor this conductor
     * @param staleAge  how old an unrefreshed lock must be
     * @param now       the time
     * @return whether this conductor now holds the lock
     */
    public boolean adopt(String bayUuid, String conductor, Duration staleAge, Instant now)
    {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            Optional<Lock> held = find(tx, bayUuid);
            if (held.isEmpty() || held.get().conductorId().equals(conductor)
                    || held.get().acquiredAt().isBefore(now.minus(staleAge))) {
                String operation = held.map(Lock::operation).orElse("SYNC");
                tx.deleteFrom(io.magnum.core.store.jooq.Tables.BAY_LOCK).where(BAY_LOCK.BAY_UUID.eq(bayUuid)).execute();
                return acquire(tx, bayUuid, conductor, operation, now);
            }
            return false;
        });
    }

    /** Refreshes every lock this conductor holds. */
    public void refresh(String conductor, Instant now)
    {
        dsl.update(BAY_LOCK).set(BAY_LOCK.ACQUIRED_AT, Timestamps.toColumn(now)).where(BAY_LOCK.CONDUCTOR_ID.eq(conductor)).execute();
    }

    /** Releases a bay's lock if this conductor holds it. */
    public void release(String bayUuid, String conductor)
    {
        dsl.deleteFrom(BAY_LOCK).where(BAY_LOCK.BAY_UUID.eq(bayUuid)).and(BAY_LOCK.CONDUCTOR_ID.eq(conductor)).execute();
    }

    /** @return every lock, by bay */
    public Map<String, Lock> all()
    {
        Map<String, Lock> locks = new HashMap<>();
        dsl.selectFrom(BAY_LOCK).fetch().forEach(r -> locks.put(r.getBayUuid(), new Lock(r.getBayUuid(),
                r.getConductorId(), r.getOperation(), Timestamps.fromColumn(r.getAcquiredAt()))));
        return locks;
    }

    public Optional<Lock> find(String bayUuid)
    {
        return find(dsl, bayUuid);
    }

    private static Optional<Lock> find(DSLContext tx, String bayUuid)
    {
        return tx.selectFrom(BAY_LOCK).where(BAY_LOCK.BAY_UUID.eq(bayUuid)).fetchOptional()
                .map(r -> new Lock(r.getBayUuid(), r.getConductorId(), r.getOperation(), Timestamps.fromColumn(r.getAcquiredAt())));
    }

    /** @return the transaction context of this store, for callers composing a transaction */
    public DSLContext dsl()
    {
        return dsl;
    }
}
