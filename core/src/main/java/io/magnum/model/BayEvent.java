package io.magnum.model;

import static java.util.Objects.requireNonNull;

/**
 * A bay status transition, delivered to listeners after it is stored.
 *
 * <pre>{@code
 * magnum.bays().addListener(event -> log.info("{}: {} -> {}", event.bay().name(), event.previous(), event.bay().status()));
 * }</pre>
 *
 * @param bay      the bay as stored after the transition
 * @param previous the status before, or null for a new bay
 * @param deleted  whether the bay is gone (its delete completed)
 */
public record BayEvent(Bay bay, BayStatus previous, boolean deleted)
{
    public BayEvent
    {
        requireNonNull(bay, "bay is null");
    }
}
