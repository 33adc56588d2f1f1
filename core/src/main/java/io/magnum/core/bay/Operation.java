package io.magnum.core.bay;

import io.magnum.BayOperation;
import io.magnum.BayTimeoutException;
import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.model.Bay;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An accepted bay operation and the future of its end. */
public final class Operation implements BayOperation
{
    private final Bay accepted;
    private final CompletableFuture<Bay> future;
    private final Supplier<Optional<Bay>> stored;

    public Operation(Bay accepted, CompletableFuture<Bay> future)
    {
        this(accepted, future, null);
    }

    /**
     * @param accepted the bay as accepted
     * @param future   completed by the events
     * @param stored   reads the bay as stored now (empty when gone), so a wait never depends on one event alone
     */
    public Operation(Bay accepted, CompletableFuture<Bay> future, Supplier<Optional<Bay>> stored)
    {
        this.accepted = accepted;
        this.future = future;
        this.stored = stored;
    }

    // a transition is stored before it is published: if the bay is stable in the store, the wait is over
    private void settleFromStore()
    {
        if (stored == null) {
            return;
        }
        Optional<Bay> now = stored.get();
        if (now.isEmpty()) {
            future.complete(accepted);
        }
        else if (!now.get().status().inProgress() && now.get().updatedAt() != null
                && (accepted.updatedAt() == null || now.get().updatedAt().isAfter(accepted.updatedAt()))) {
            if (now.get().status().complete()) {
                future.complete(now.get());
            }
            else {
                future.completeExceptionally(new io.magnum.BayFailedException(now.get()));
            }
        }
    }

    @Override
    public Bay accepted()
    {
        return accepted;
    }

    @Override
    public CompletionStage<Bay> completion()
    {
        return future.minimalCompletionStage();
    }

    @Override
    public Bay await(Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    return future.get(Math.max(0, Math.min(left, TimeUnit.SECONDS.toNanos(1))), TimeUnit.NANOSECONDS);
                }
                catch (TimeoutException e) {
                    if (System.nanoTime() >= deadline) {
                        throw e;
                    }
                    settleFromStore();
                }
            }
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof MagnumException magnum) {
                throw magnum;
            }
            throw new MagnumException(ErrorCode.INTERNAL, "bay operation failed: " + e.getCause(), e.getCause());
        }
        catch (TimeoutException e) {
            throw new BayTimeoutException("Bay " + (accepted.name() == null ? accepted.uuid() : accepted.name())
                    + " was not stable within " + timeout);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagnumException(ErrorCode.INTERNAL, "interrupted while waiting for bay " + accepted.uuid(), e);
        }
    }
}
