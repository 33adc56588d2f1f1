package io.magnum;

import io.magnum.core.MagnumView;
import io.magnum.core.store.Timestamps;
import io.magnum.local.LocalCloud;
import io.magnum.model.BayModelSpec;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.magnum.core.store.jooq.Tables.BAY;

/** Shared test material: the seed's baymodel, a settable clock, direct rows for objects later issues add. */
final class Fixtures
{
    static final RequestContext PROJECT_A = RequestContext.of("project-a", "alice");
    static final RequestContext PROJECT_B = RequestContext.of("project-b", "bob");
    static final RequestContext ADMIN = RequestContext.admin("ops", "root");

    private Fixtures()
    {
    }

    /** The walkthrough's baymodel-create, as a spec. */
    static BayModelSpec.Builder seedSpec()
    {
        return BayModelSpec.builder().name("k8sbaymodel").imageId("fedora-21-atomic-5").keypairId("testkey")
                .externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.small").dockerVolumeSize(5)
                .networkDriver("flannel").coe("kubernetes");
    }

    static Magnum.Builder builder()
    {
        return Magnum.builder().cloud(LocalCloud.create()).heartbeatInterval(Duration.ofHours(1));
    }

    static DSLContext dsl(Magnum magnum)
    {
        return ((MagnumView) magnum).runtime().database().dsl();
    }

    /** Inserts a bay row that uses a baymodel, as the bay issue's create will. */
    static void insertBay(Magnum magnum, String bayModelUuid, String projectId)
    {
        dsl(magnum).insertInto(BAY)
                .set(BAY.UUID, UUID.randomUUID().toString())
                .set(BAY.NAME, "bay-" + UUID.randomUUID().toString().substring(0, 8))
                .set(BAY.PROJECT_ID, projectId)
                .set(BAY.USER_ID, "alice")
                .set(BAY.BAYMODEL_ID, bayModelUuid)
                .set(BAY.STATUS, "CREATE_COMPLETE")
                .set(BAY.NODE_COUNT, 1)
                .set(BAY.MASTER_COUNT, 1)
                .set(BAY.NODE_ADDRESSES, "[]")
                .set(BAY.MASTER_ADDRESSES, "[]")
                .set(BAY.BAY_CREATE_TIMEOUT, 0)
                .set(BAY.CREATED_AT, Timestamps.toColumn(Instant.now()))
                .execute();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock
    {
        private volatile Instant now;

        MutableClock(Instant start)
        {
            this.now = start;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }
}
