package io.magnum;

import io.magnum.model.BayEvent;

/**
 * Hears every bay status transition, after it is stored. Called on a conductor thread: it must be fast, must not
 * block, and must not call back into Magnum; an exception it throws is logged and ignored.
 *
 * <pre>{@code
 * magnum.bays().addListener(event -> metrics.count(event.bay().status().name()));
 * }</pre>
 */
@FunctionalInterface
public interface BayListener
{
    /**
     * @param event the transition
     */
    void onTransition(BayEvent event);
}
