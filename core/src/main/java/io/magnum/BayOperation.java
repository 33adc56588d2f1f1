package io.magnum;

import io.magnum.model.Bay;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A bay operation (create, update, delete) that was accepted and runs in the background.
 *
 * <pre>{@code
 * BayOperation op = magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1));
 * op.accepted().status();                       // CREATE_IN_PROGRESS
 * Bay done = op.await(Duration.ofMinutes(15));   // CREATE_COMPLETE, or BayFailedException
 * }</pre>
 */
public interface BayOperation
{
    /** @return the bay as stored when the operation was accepted, in its {@code *_IN_PROGRESS} status */
    Bay accepted();

    /**
     * @return completes with the bay when it reaches a {@code *_COMPLETE} status (for a delete, the last snapshot
     *         once it is gone), or exceptionally with {@link BayFailedException}
     */
    CompletionStage<Bay> completion();

    /**
     * Waits for the operation to end.
     *
     * @param timeout how long to wait
     * @return the bay in its {@code *_COMPLETE} status (for a delete, its last snapshot)
     * @throws BayFailedException  when the operation failed
     * @throws BayTimeoutException when the timeout passed first
     */
    Bay await(Duration timeout);
}
