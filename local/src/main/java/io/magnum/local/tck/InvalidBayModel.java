package io.magnum.local.tck;

import io.magnum.spi.BayModelView;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A baymodel the driver under test must refuse, for {@link CoeDriverContract#invalidBayModel()}, with the fields
 * its {@link io.magnum.spi.CoeDriver#validate} must name.
 *
 * <pre>{@code
 * new InvalidBayModel(model, Set.of("labels"))
 * }</pre>
 *
 * @param model  the baymodel
 * @param fields the fields of the violations expected, such as {@code docker_volume_size}; not empty
 */
public record InvalidBayModel(BayModelView model, Set<String> fields)
{
    public InvalidBayModel
    {
        requireNonNull(model, "model is null");
        fields = Set.copyOf(requireNonNull(fields, "fields is null"));
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an invalid baymodel names at least one field");
        }
    }
}
