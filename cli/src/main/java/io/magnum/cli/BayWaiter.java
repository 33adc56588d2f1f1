package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code --wait}: asks the API for a bay until it is stable, showing progress on standard error. On a terminal
 * that is a one-line bar redrawn in place (Magnum's API tells no fraction done, so the bar shows that the bay is
 * moving, its status and the time so far); elsewhere (a pipe, a log file, a CI job) it is a status line when the
 * status changes and every {@value #LINE_EVERY_SECONDS} seconds. Not thread-safe.
 */
final class BayWaiter
{
    private static final int LINE_EVERY_SECONDS = 10;
    private static final long FRAME_NANOS = Duration.ofMillis(125).toNanos();
    private static final int BAR_WIDTH = 24;
    private static final int BLOCK = 3;

    private final MagnumApi api;
    private final PrintStream err;
    private final boolean terminal;
    private final Duration pollInterval;
    private final LongSupplier nanoTime;

    /**
     * @param session the session: its API, standard error, terminal flag and poll interval
     */
    BayWaiter(Session session)
    {
        this(session.api(), session.err(), session.terminal(), session.pollInterval(), System::nanoTime);
    }

    BayWaiter(MagnumApi api, PrintStream err, boolean terminal, Duration pollInterval, LongSupplier nanoTime)
    {
        this.api = requireNonNull(api, "api is null");
        this.err = requireNonNull(err, "err is null");
        this.terminal = terminal;
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * Waits until the bay's status no longer ends in {@code _IN_PROGRESS}.
     *
     * @param uuid    the bay's uuid
     * @param label   what the progress calls it (its name)
     * @param timeout how long to wait
     * @return the bay as last read: {@code *_COMPLETE} or {@code *_FAILED}
     * @throws CliException when the time is up
     */
    JsonNode untilStable(String uuid, String label, Duration timeout)
    {
        return await(uuid, label, timeout, false);
    }

    /**
     * Waits until the bay is gone.
     *
     * @param uuid    the bay's uuid
     * @param label   what the progress calls it
     * @param timeout how long to wait
     * @return null once the bay is gone, or the bay when its delete failed ({@code DELETE_FAILED})
     * @throws CliException when the time is up
     */
    JsonNode untilDeleted(String uuid, String label, Duration timeout)
    {
        return await(uuid, label, timeout, true);
    }

    private JsonNode await(String uuid, String label, Duration timeout, boolean deleting)
    {
        Progress progress = terminal ? new Bar(label) : new Lines(label);
        long start = nanoTime.getAsLong();
        long deadline = start + timeout.toNanos();
        long nextPoll = start;
        String status = "?";
        while (true) {
            long now = nanoTime.getAsLong();
            if (now - nextPoll >= 0) {
                JsonNode bay;
                try {
                    bay = api.get(MagnumApi.path("v1", "bays", uuid));
                }
                catch (ApiError e) {
                    if (deleting && e.status() == 404) {
                        progress.finish("deleted", nanoTime.getAsLong() - start);
                        return null;
                    }
                    progress.abandon();
                    throw e;
                }
                status = bay.path("status").asText("?");
                if (!status.endsWith("_IN_PROGRESS")) {
                    progress.finish(status, nanoTime.getAsLong() - start);
                    return bay;
                }
                nextPoll = now + pollInterval.toNanos();
            }
            if (now - deadline >= 0) {
                progress.finish(status, now - start);
                throw new CliException("gave up waiting for bay " + label + " after " + clock(now - start)
                        + "; it is still " + status + " (see magnum bay-show " + label + ")");
            }
            progress.update(status, now - start);
            sleep(Math.max(1, Math.min(terminal ? FRAME_NANOS : nextPoll - now, nextPoll - now)));
        }
    }

    private static void sleep(long nanos)
    {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting", 130, e);
        }
    }

    /** @return {@code m:ss} */
    static String clock(long nanos)
    {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        return (seconds / 60) + ":" + String.format("%02d", seconds % 60);
    }

    /** How a wait shows itself. */
    private interface Progress
    {
        void update(String status, long elapsed);

        void finish(String status, long elapsed);

        /** Ends the display before an error is printed. */
        void abandon();
    }

    /** The terminal's bar: one line redrawn with a carriage return. */
    private final class Bar implements Progress
    {
        private final String label;
        private int drawn;

        Bar(String label)
        {
            this.label = label;
        }

        @Override
        public void update(String status, long elapsed)
        {
            int frame = (int) (elapsed / FRAME_NANOS);
            int span = BAR_WIDTH - BLOCK;
            int position = frame % (2 * span);
            position = position <= span ? position : 2 * span - position;
            String bar = " ".repeat(position) + "=".repeat(BLOCK) + " ".repeat(span - position);
            draw(label + "  " + status + "  [" + bar + "]  " + clock(elapsed));
        }

        @Override
        public void finish(String status, long elapsed)
        {
            draw("bay " + label + ": " + status + " (" + clock(elapsed) + ")");
            err.println();
            err.flush();
        }

        @Override
        public void abandon()
        {
            if (drawn > 0) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
            }
        }

        private void draw(String line)
        {
            err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = line.length();
        }
    }

    /** Status lines for a log: on each change, and every few seconds. */
    private final class Lines implements Progress
    {
        private final String label;
        private String shown;
        private long lastLine;

        Lines(String label)
        {
            this.label = label;
        }

        @Override
        public void update(String status, long elapsed)
        {
            if (!status.equals(shown) || elapsed - lastLine >= Duration.ofSeconds(LINE_EVERY_SECONDS).toNanos()) {
                err.println("waiting for bay " + label + ": " + status + " (" + clock(elapsed) + ")");
                shown = status;
                lastLine = elapsed;
            }
        }

        @Override
        public void finish(String status, long elapsed)
        {
            err.println("bay " + label + ": " + status + " (" + clock(elapsed) + ")");
        }

        @Override
        public void abandon()
        {
            // nothing drawn in place
        }
    }
}
