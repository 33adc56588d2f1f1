package io.magnum.core.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import io.magnum.core.store.jooq.tables.records.ContainerRecord;
import io.magnum.model.Container;
import io.magnum.spi.coe.ContainerStatus;

import static io.magnum.core.store.jooq.Tables.CONTAINER;

/** The container records: magnum4j's side of each container (its COE holds the rest). */
@Singleton
public final class ContainerStore
{
    private final DSLContext dsl;

    @Inject
    public ContainerStore(Database database)
    {
        this.dsl = database.dsl();
    }

    /**
     * @param projectId the caller's project, or null for every project (an admin)
     * @return the rows such a caller may see
     */
    public static Condition visibleTo(String projectId)
    {
        return projectId == null ? DSL.trueCondition() : CONTAINER.PROJECT_ID.eq(projectId);
    }

    public void insert(Container container)
    {
        ContainerRecord record = dsl.newRecord(CONTAINER);
        record.setUuid(container.uuid());
        record.setName(container.name());
        record.setProjectId(container.projectId());
        record.setUserId(container.userId());
        record.setBayUuid(container.bayUuid());
        record.setImage(container.image());
        record.setCommand(container.command().orElse(null));
        record.setMemory(container.memory().orElse(null));
        record.setEnvironment(Json.write(container.environment()));
        record.setStatus(container.status().name());
        record.setDockerId(container.coeId().orElse(null));
        record.setCreatedAt(Timestamps.toColumn(container.createdAt()));
        record.setUpdatedAt(container.updatedAt().map(Timestamps::toColumn).orElse(null));
        record.insert();
    }

    /**
     * Stores what the COE said: its id and the status.
     *
     * @param container the new values
     * @return whether the row exists
     */
    public boolean updateState(Container container)
    {
        return dsl.update(CONTAINER)
                .set(CONTAINER.STATUS, container.status().name())
                .set(CONTAINER.DOCKER_ID, container.coeId().orElse(null))
                .set(CONTAINER.UPDATED_AT, container.updatedAt().map(Timestamps::toColumn).orElse(null))
                .where(CONTAINER.UUID.eq(container.uuid())).execute() == 1;
    }

    public boolean delete(String uuid)
    {
        return dsl.deleteFrom(CONTAINER).where(CONTAINER.UUID.eq(uuid)).execute() == 1;
    }

    /** @return the containers of a bay, of every project */
    public List<Container> findByBay(String bayUuid)
    {
        return dsl.selectFrom(CONTAINER).where(CONTAINER.BAY_UUID.eq(bayUuid)).orderBy(CONTAINER.ID)
                .fetch(ContainerStore::toContainer);
    }

    public int deleteByBay(String bayUuid)
    {
        return dsl.deleteFrom(CONTAINER).where(CONTAINER.BAY_UUID.eq(bayUuid)).execute();
    }

    public Optional<Container> findByUuid(String uuid, Condition visible)
    {
        return dsl.selectFrom(CONTAINER).where(CONTAINER.UUID.eq(uuid)).and(visible).fetchOptional()
                .map(ContainerStore::toContainer);
    }

    public List<Container> findByName(String name, Condition visible)
    {
        return dsl.selectFrom(CONTAINER).where(CONTAINER.NAME.eq(name)).and(visible).orderBy(CONTAINER.ID)
                .fetch(ContainerStore::toContainer);
    }

    public List<Container> page(Condition visible, String sortColumn, boolean descending, String markerUuid, int limit)
    {
        return Paging.page(dsl, CONTAINER, CONTAINER.ID, CONTAINER.UUID, visible, sortColumn, descending, markerUuid,
                limit).map(ContainerStore::toContainer);
    }

    public static boolean sortable(String column)
    {
        return Paging.sortable(CONTAINER, column, Set.of(CONTAINER.ENVIRONMENT.getName(), CONTAINER.PROJECT_ID.getName(),
                CONTAINER.USER_ID.getName(), CONTAINER.DOCKER_ID.getName()));
    }

    private static Container toContainer(ContainerRecord r)
    {
        return new Container(r.getUuid(), r.getName(), r.getBayUuid(), r.getProjectId(), r.getUserId(), r.getImage(),
                Optional.ofNullable(r.getCommand()), Optional.ofNullable(r.getMemory()),
                Json.readMap(r.getEnvironment()), ContainerStatus.valueOf(r.getStatus()),
                Optional.ofNullable(r.getDockerId()), Timestamps.fromColumn(r.getCreatedAt()),
                Optional.ofNullable(Timestamps.fromColumn(r.getUpdatedAt())));
    }
}
