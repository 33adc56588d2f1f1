package io.magnum.core.bay;

import io.magnum.BayOperation;
import io.magnum.BayTimeoutException;
import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.model.Bay;

import java.time.Duration;
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

    public Operation(Bay accepted, CompletableFuture<Bay> future)
    {
        this.accepted = accepted;
        this.future = future;
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
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
