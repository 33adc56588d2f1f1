package io.magnum.api.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * A field Magnum's API has and the facade does not keep (yet). A request may leave it unset or give the value
 * this server always shows; anything else is refused with a 400 rather than silently dropped.
 *
 * @param field   the field
 * @param bool    whether it is a boolean (else a string)
 * @param shown   the value responses show, or null
 * @param allowed values a request may give besides null: {@code shown} and these
 */
record Unsupported(String field, boolean bool, Object shown, List<Object> allowed)
{
    /** The template fields of Magnum 15 (and the seed's volume_driver) that baymodels lack. */
    static final List<Unsupported> TEMPLATE = List.of(
            new Unsupported("volume_driver", false, null, List.of()),
            new Unsupported("fixed_subnet", false, null, List.of()),
            new Unsupported("insecure_registry", false, null, List.of()),
            new Unsupported("docker_storage_driver", false, "devicemapper", List.of()),
            new Unsupported("master_lb_enabled", true, false, List.of()),
            new Unsupported("floating_ip_enabled", true, true, List.of()),
            new Unsupported("hidden", true, false, List.of()),
            new Unsupported("tags", false, null, List.of("")));

    /**
     * Reads the field from a request and refuses values other than the shown one.
     *
     * @param body what
     * @param kind {@code baymodels} or {@code bays}, for the message
     */
    void check(Body body, String kind)
    {
        Object value = bool ? body.bool(field) : body.raw(field) == null ? null : readString(body);
        if (value != null && !accepts(value)) {
            body.violation(field, message(value, kind));
        }
    }

    private String readString(Body body)
    {
        JsonNode raw = body.raw(field);
        if (!raw.isTextual()) {
            body.violation(field, "Invalid input for field/attribute " + field + ". Value: '"
                    + Values.abbreviate(raw.toString()) + "'. Wrong type. Expected a string, got " + Json.kind(raw)
                    + ".");
            return null;
        }
        return raw.textValue();
    }

    /**
     * @param value a value asked for
     * @return whether this server can honour it
     */
    boolean accepts(Object value)
    {
        return value == null || Objects.equals(value, shown) || allowed.contains(value);
    }

    /**
     * @param value the refused value
     * @param kind  {@code baymodels} or {@code bays}
     * @return why it is refused
     */
    String message(Object value, String kind)
    {
        return field + " '" + value + "' is not supported by this server: magnum4j's " + kind + " do not keep "
                + field + " yet; leave it unset" + (shown == null ? "" : " or give " + shown);
    }
}
