package io.magnum.core.bay;

import io.magnum.BayFailedException;
import io.magnum.BayTimeoutException;
import io.magnum.model.Bay;
import io.magnum.model.BayStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wait ends on the stored state even if the event that should have ended it never came. */
class OperationTest
{
    private static Bay bay(BayStatus status, Instant updatedAt)
    {
        return new Bay("u", "b", "p", "x", "m", "s", status, "r", 1, 1, null, null, List.of(), List.of(), 0,
                Instant.EPOCH, updatedAt);
    }

    @Test
    void aStableStoredBayEndsTheWait()
    {
        Bay accepted = bay(BayStatus.CREATE_IN_PROGRESS, null);
        Bay done = bay(BayStatus.CREATE_COMPLETE, Instant.now());
        assertThat(new Operation(accepted, new CompletableFuture<>(), () -> Optional.of(done)).await(Duration.ofSeconds(5)))
                .isEqualTo(done);
        Bay failed = bay(BayStatus.CREATE_FAILED, Instant.now());
        assertThatThrownBy(() -> new Operation(accepted, new CompletableFuture<>(), () -> Optional.of(failed))
                .await(Duration.ofSeconds(5))).isInstanceOf(BayFailedException.class);
        assertThat(new Operation(accepted, new CompletableFuture<>(), Optional::empty).await(Duration.ofSeconds(5)))
                .as("gone").isEqualTo(accepted);
    }

    @Test
    void anUnchangedBayTimesOut()
    {
        Bay accepted = bay(BayStatus.CREATE_IN_PROGRESS, null);
        assertThatThrownBy(() -> new Operation(accepted, new CompletableFuture<>(), () -> Optional.of(accepted))
                .await(Duration.ofMillis(1500))).isInstanceOf(BayTimeoutException.class);
    }
}
