package io.magnum.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One page of a list. {@link #nextMarker()} is present when the page is full, as Magnum's {@code next} link is:
 * pass it as the next call's marker.
 *
 * <pre>{@code
 * Page<BayModel> page = magnum.bayModels().list(ListOptions.builder().limit(50).build());
 * page.items().forEach(...);
 * }</pre>
 *
 * @param items      the items, in the order asked for
 * @param nextMarker the uuid to continue after, when there may be more
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, Optional<String> nextMarker)
{
    public Page
    {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(nextMarker, "nextMarker is null");
    }
}
