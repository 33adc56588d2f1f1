package io.magnum.core.bay;

import io.magnum.BayFailedException;
import io.magnum.BayListener;
import io.magnum.model.Bay;
import io.magnum.model.BayEvent;
import io.magnum.model.BayStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers stored transitions to listeners and completes the futures of those waiting on a bay. */
@Singleton
public final class BayEvents
{
    private static final Logger log = LoggerFactory.getLogger(BayEvents.class);

    private final List<BayListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<CompletableFuture<Bay>>> waiters = new HashMap<>();

    public void addListener(BayListener listener)
    {
        listeners.add(listener);
    }

    public void removeListener(BayListener listener)
    {
        listeners.remove(listener);
    }

    /** A future that completes when the bay is next stable (or fails, or is gone). */
    public synchronized CompletableFuture<Bay> waiter(String uuid)
    {
        CompletableFuture<Bay> future = new CompletableFuture<>();
        waiters.computeIfAbsent(uuid, k -> new ArrayList<>()).add(future);
        return future;
    }

    /**
     * Publishes a transition that is already stored.
     *
     * @param bay      the bay after it
     * @param previous the status before, or null
     * @param deleted  whether the bay is gone
     */
    public void published(Bay bay, BayStatus previous, boolean deleted)
    {
        log.info("Bay {} ({}): {} -> {}{}", bay.uuid(), bay.name(), previous, deleted ? "deleted" : bay.status(),
                bay.statusReason() == null || deleted ? "" : " (" + bay.statusReason() + ")");
        BayEvent event = new BayEvent(bay, previous, deleted);
        for (BayListener listener : listeners) {
            try {
                listener.onTransition(event);
            }
            catch (RuntimeException e) {
                log.warn("A bay listener failed on {}", bay.uuid(), e);
            }
        }
        if (deleted || !bay.status().inProgress()) {
            settle(bay, deleted);
        }
    }

    /** Completes the waiters of a bay that is stable now (for a watch started when it already was). */
    public void settle(Bay bay, boolean deleted)
    {
        List<CompletableFuture<Bay>> done;
        synchronized (this) {
            done = waiters.remove(bay.uuid());
        }
        if (done == null) {
            return;
        }
        for (CompletableFuture<Bay> future : done) {
            if (deleted || bay.status().complete()) {
                future.complete(bay);
            }
            else {
                future.completeExceptionally(new BayFailedException(bay));
            }
        }
    }
}
