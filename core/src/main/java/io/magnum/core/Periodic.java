package io.magnum.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task run every interval on its own daemon thread, until closed (the heartbeat, the status sync). */
public final class Periodic implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final ScheduledExecutorService scheduler;

    private Periodic(String name, ScheduledExecutorService scheduler)
    {
        this.name = name;
        this.scheduler = scheduler;
    }

    /**
     * @param name     the thread's name
     * @param interval the delay between the end of one run and the start of the next; the first run waits too
     * @param task     the work; what it throws is logged and the next run goes ahead
     * @return the running task
     */
    public static Periodic start(String name, Duration interval, Runnable task)
    {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            }
            catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.getMessage(), e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new Periodic(name, scheduler);
    }

    /** Stops the task, waiting up to 10 s for a run in progress. */
    @Override
    public void close()
    {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 10 s", name);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
