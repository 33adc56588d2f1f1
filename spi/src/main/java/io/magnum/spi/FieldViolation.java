package io.magnum.spi;

import static java.util.Objects.requireNonNull;

/**
 * One broken rule of a request: the field it concerns and a sentence a user can act on.
 *
 * <pre>{@code
 * new FieldViolation("network_driver", "network_driver 'calico' is not supported by coe kubernetes; supported: [flannel]")
 * }</pre>
 *
 * @param field   the field name as Magnum's API spells it ({@code docker_volume_size}), never null
 * @param message what is wrong and what would be right, never null
 */
public record FieldViolation(String field, String message)
{
    public FieldViolation
    {
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString()
    {
        return message;
    }
}
