package io.magnum;

import io.magnum.model.Bay;
import io.magnum.model.BaySpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.PatchOperation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bays: clusters built from baymodels by Heat stacks. Create, update and delete return at once with the bay in its
 * {@code *_IN_PROGRESS} status; the conductor does the work and the status sync follows the stack. One operation
 * runs per bay at a time: another request on a busy bay is a {@link ConflictException} at once (a delete takes
 * over a create or update in progress).
 *
 * <pre>{@code
 * magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1));
 * Bay bay = magnum.bays().awaitStable("k8sbay", Duration.ofMinutes(15));
 * magnum.bays().update("k8sbay", PatchOperation.parse("replace", "node_count=2")).await(Duration.ofMinutes(15));
 * magnum.bays().delete("k8sbay");
 * }</pre>
 */
public interface Bays
{
    /**
     * Creates a bay: checks the spec and its baymodel, stores the bay as {@code CREATE_IN_PROGRESS} and starts
     * building its stack.
     *
     * @param spec what to create
     * @return the accepted operation
     * @throws InvalidInputException for a bad spec or a baymodel that does not exist (or no longer validates)
     * @throws ConflictException     when the project has a bay of that name
     * @throws NotSupportedException when no loaded driver builds the baymodel's bays
     */
    BayOperation create(BaySpec spec);

    /**
     * @param ident uuid or name
     * @return the bay
     * @throws NotFoundException when there is none the caller may see
     */
    Bay get(String ident);

    /**
     * @param ident uuid or name
     * @return the bay, or empty
     */
    Optional<Bay> find(String ident);

    /** @return every bay the caller may see (an admin: all), oldest first */
    List<Bay> list();

    /**
     * @param options limit, marker, sort key and direction
     * @return one page
     */
    Page<Bay> list(ListOptions options);

    /**
     * Changes a bay with Magnum's patch form; only {@code node_count} may change, as in Magnum
     * ({@code replace node_count=2}). Allowed only from a {@code *_COMPLETE} status.
     *
     * @param ident      uuid or name
     * @param operations the patch
     * @return the accepted operation
     * @throws ConflictException     while another operation runs on the bay
     * @throws InvalidInputException for another field, a bad value, or a failed bay (only delete helps it)
     */
    BayOperation update(String ident, List<PatchOperation> operations);

    /**
     * @param ident      uuid or name
     * @param operations the patch
     * @return the accepted operation
     */
    default BayOperation update(String ident, PatchOperation... operations)
    {
        return update(ident, operations == null ? null : java.util.Arrays.asList(operations));
    }

    /**
     * Deletes a bay in any status: its stack, then its certificates and its record.
     *
     * @param ident uuid or name
     * @return the accepted operation; it completes when the bay is gone
     * @throws ConflictException when the bay is already being deleted
     */
    BayOperation delete(String ident);

    /**
     * Follows a bay's current operation (one started before a restart, say).
     *
     * @param ident uuid or name
     * @return the operation; already complete when the bay is stable
     */
    BayOperation watch(String ident);

    /**
     * Counts bays and their nodes ({@code magnum stats-list}, Magnum's {@code /v1/stats}).
     *
     * @param projectId a project, or null for the caller's own (for an admin: every project)
     * @return the project's bays and the nodes they were asked for
     * @throws ForbiddenException for another project's stats without the admin role
     */
    io.magnum.model.BayStats stats(String projectId);

    /**
     * Waits until a bay is stable: {@code *_COMPLETE} (returned), failed ({@link BayFailedException}) or gone
     * (returns its last snapshot).
     *
     * @param ident   uuid or name
     * @param timeout how long to wait
     * @return the stable bay
     */
    default Bay awaitStable(String ident, Duration timeout)
    {
        return watch(ident).await(timeout);
    }

    /**
     * Adds a listener for every bay's transitions (of every project: listeners are the embedding service's).
     *
     * @param listener the listener
     */
    void addListener(BayListener listener);

    /**
     * @param listener a listener added before
     */
    void removeListener(BayListener listener);
}
