package io.magnum.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --wait}'s loop on a clock the test moves: status lines, the deadline, a bay that goes away. */
final class BayWaiterTest
{
    private static final String UUID = "481685d2-bc16-4daf-9aac-9e830c7da3f7";

    private final FakeApi api = new FakeApi();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** Each read of the clock is four seconds later than the last. */
    private final AtomicLong now = new AtomicLong();
    private final LongSupplier clock = () -> now.getAndAdd(Duration.ofSeconds(4).toNanos());

    @AfterEach
    void close()
    {
        api.close();
    }

    private BayWaiter waiter(boolean terminal)
    {
        MagnumApi client = new MagnumApi(api.url(), "t", Duration.ofSeconds(10), FakeApi.MAPPER);
        return new BayWaiter(client, new PrintStream(err, true, StandardCharsets.UTF_8), terminal,
                Duration.ofMillis(1), clock);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String bay(String status)
    {
        return "{\"uuid\": \"" + UUID + "\", \"name\": \"k8sbay\", \"status\": \"" + status + "\"}";
    }

    @Test
    void givesUpAtTheDeadlineSayingWhereTheBayIs()
    {
        api.on("GET /v1/bays/" + UUID, 200, bay("CREATE_IN_PROGRESS"));

        assertThatThrownBy(() -> waiter(false).untilStable(UUID, "k8sbay", Duration.ofSeconds(30)))
                .isInstanceOf(CliException.class)
                .hasMessageMatching("gave up waiting for bay k8sbay after 0:3\\d; it is still CREATE_IN_PROGRESS "
                        + "\\(see magnum bay-show k8sbay\\)");
        // not on a terminal: a line at the start, then one every ten seconds at most
        assertThat(err()).startsWith("waiting for bay k8sbay: CREATE_IN_PROGRESS (0:0")
                .contains("waiting for bay k8sbay: CREATE_IN_PROGRESS (0:1")
                .contains("waiting for bay k8sbay: CREATE_IN_PROGRESS (0:2")
                .endsWith("bay k8sbay: CREATE_IN_PROGRESS (0:3" + err().charAt(err().length() - 3) + ")\n");
        assertThat(err().lines().filter(line -> line.startsWith("waiting")).count()).isBetween(3L, 4L);
    }

    @Test
    void aDeletedBayIsGoneWhenTheApiSaysNotFound()
    {
        api.on("GET /v1/bays/" + UUID, 200, bay("DELETE_IN_PROGRESS"))
                .then("GET /v1/bays/" + UUID, 404, "{\"errors\": [{\"detail\": \"gone\"}]}");

        assertThat(waiter(false).untilDeleted(UUID, "k8sbay", Duration.ofMinutes(1))).isNull();
        assertThat(err()).matches("(?s)waiting for bay k8sbay: DELETE_IN_PROGRESS \\(0:04\\)\n"
                + "bay k8sbay: deleted \\(0:\\d\\d\\)\n");
    }

    @Test
    void aFailedDeleteReturnsTheBay()
    {
        api.on("GET /v1/bays/" + UUID, 200, bay("DELETE_IN_PROGRESS"), bay("DELETE_FAILED"));

        assertThat(waiter(true).untilDeleted(UUID, "k8sbay", Duration.ofMinutes(1)).path("status").asText())
                .isEqualTo("DELETE_FAILED");
        assertThat(err()).contains("\rk8sbay  DELETE_IN_PROGRESS  [").endsWith("\n")
                .contains("\rbay k8sbay: DELETE_FAILED (0:");
    }

    @Test
    void anotherErrorEndsTheWait()
    {
        api.on("GET /v1/bays/" + UUID, 200, bay("UPDATE_IN_PROGRESS"))
                .then("GET /v1/bays/" + UUID, 403, "{\"errors\": [{\"detail\": \"Not authorized.\"}]}");

        assertThatThrownBy(() -> waiter(true).untilStable(UUID, "k8sbay", Duration.ofMinutes(1)))
                .isInstanceOf(ApiError.class).hasMessage("Not authorized. (HTTP 403)");
        assertThat(err()).endsWith("\r");
    }

    @Test
    void clockIsMinutesAndSeconds()
    {
        assertThat(BayWaiter.clock(0)).isEqualTo("0:00");
        assertThat(BayWaiter.clock(Duration.ofSeconds(59).toNanos())).isEqualTo("0:59");
        assertThat(BayWaiter.clock(Duration.ofSeconds(61).toNanos())).isEqualTo("1:01");
        assertThat(BayWaiter.clock(Duration.ofMinutes(75).toNanos())).isEqualTo("75:00");
    }
}
