package io.magnum.model;

import io.magnum.InvalidInputException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every field of a baymodel, named as Magnum's API and CLI name it, with its type and whether a user may set it.
 * Used to read {@code path=value} patches and attribute maps, and to check sort keys.
 *
 * <pre>{@code
 * BayModelField field = BayModelField.byName("docker_volume_size").orElseThrow();
 * Object ten = field.coerce("10");   // Integer 10
 * }</pre>
 */
public enum BayModelField
{
    UUID("uuid", Type.STRING, false),
    NAME("name", Type.STRING, true),
    PROJECT_ID("project_id", Type.STRING, false),
    USER_ID("user_id", Type.STRING, false),
    COE("coe", Type.STRING, true),
    IMAGE_ID("image_id", Type.STRING, true),
    FLAVOR_ID("flavor_id", Type.STRING, true),
    MASTER_FLAVOR_ID("master_flavor_id", Type.STRING, true),
    KEYPAIR_ID("keypair_id", Type.STRING, true),
    EXTERNAL_NETWORK_ID("external_network_id", Type.STRING, true),
    FIXED_NETWORK("fixed_network", Type.STRING, true),
    DNS_NAMESERVER("dns_nameserver", Type.STRING, true),
    DOCKER_VOLUME_SIZE("docker_volume_size", Type.INTEGER, true),
    NETWORK_DRIVER("network_driver", Type.STRING, true),
    APISERVER_PORT("apiserver_port", Type.INTEGER, true),
    HTTP_PROXY("http_proxy", Type.STRING, true),
    HTTPS_PROXY("https_proxy", Type.STRING, true),
    NO_PROXY("no_proxy", Type.STRING, true),
    LABELS("labels", Type.LABELS, true),
    TLS_DISABLED("tls_disabled", Type.BOOLEAN, true),
    PUBLIC("public", Type.BOOLEAN, true),
    REGISTRY_ENABLED("registry_enabled", Type.BOOLEAN, true),
    SERVER_TYPE("server_type", Type.STRING, true),
    CLUSTER_DISTRO("cluster_distro", Type.STRING, false),
    CREATED_AT("created_at", Type.TIMESTAMP, false),
    UPDATED_AT("updated_at", Type.TIMESTAMP, false);

    /** The kinds of value a field holds. */
    public enum Type
    {
        STRING, INTEGER, BOOLEAN, LABELS, TIMESTAMP
    }

    private static final Map<String, BayModelField> BY_NAME = new LinkedHashMap<>();

    static {
        for (BayModelField field : values()) {
            BY_NAME.put(field.apiName, field);
        }
    }

    private final String apiName;
    private final Type type;
    private final boolean writable;

    BayModelField(String apiName, Type type, boolean writable)
    {
        this.apiName = apiName;
        this.type = type;
        this.writable = writable;
    }

    /**
     * The field of that name.
     *
     * @param apiName the name as the API spells it, such as {@code docker_volume_size}
     * @return the field, or empty for an unknown name
     */
    public static Optional<BayModelField> byName(String apiName)
    {
        return Optional.ofNullable(apiName == null ? null : BY_NAME.get(apiName));
    }

    /** @return the field's name in Magnum's API, such as {@code docker_volume_size} */
    public String apiName()
    {
        return apiName;
    }

    /** @return the kind of value the field holds */
    public Type type()
    {
        return type;
    }

    /** @return whether a user may set the field; the others are set by magnum4j */
    public boolean writable()
    {
        return writable;
    }

    /** @return whether lists may be sorted by the field (every field but labels) */
    public boolean sortable()
    {
        return type != Type.LABELS;
    }

    /**
     * Reads a value for this field the way Magnum's API and CLI accept it: strings for every type
     * ({@code "10"}, {@code "true"}, {@code "key1=value1,key2=value2"}), or the typed value itself.
     *
     * @param raw the value; null stays null
     * @return a {@link String}, {@link Integer}, {@link Boolean} or {@code Map<String, String>}
     * @throws InvalidInputException when the value cannot be read as this field's type
     */
    public Object coerce(Object raw)
    {
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case STRING -> {
                if (raw instanceof String value) {
                    yield value;
                }
                throw invalid("must be a string", raw);
            }
            case INTEGER -> coerceInteger(raw);
            case BOOLEAN -> coerceBoolean(raw);
            case LABELS -> coerceLabels(raw);
            case TIMESTAMP -> throw InvalidInputException.of(apiName, apiName + " is read-only");
        };
    }

    private Integer coerceInteger(Object raw)
    {
        if (raw instanceof Integer value) {
            return value;
        }
        if ((raw instanceof Long || raw instanceof Short || raw instanceof Byte)) {
            long value = ((Number) raw).longValue();
            if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        }
        if (raw instanceof String value) {
            try {
                return Integer.valueOf(value.trim());
            }
            catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid("must be an integer", raw);
    }

    private Boolean coerceBoolean(Object raw)
    {
        if (raw instanceof Boolean value) {
            return value;
        }
        if (raw instanceof String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
        }
        throw invalid("must be true or false", raw);
    }

    private Map<String, String> coerceLabels(Object raw)
    {
        Map<String, String> labels = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String value)) {
                    throw InvalidInputException.of(apiName, "labels must map strings to strings");
                }
                labels.put(key, value);
            }
            return labels;
        }
        if (raw instanceof String text) {
            if (text.isBlank()) {
                return labels;
            }
            // the CLI's form: key1=value1,key2=value2
            for (String pair : text.split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw InvalidInputException.of(apiName,
                            "labels must be given as key=value pairs separated by commas, not '" + text + "'");
                }
                labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            return labels;
        }
        throw invalid("must be a map of strings", raw);
    }

    private InvalidInputException invalid(String rule, Object raw)
    {
        return InvalidInputException.of(apiName, apiName + " " + rule + ", not '" + raw + "'");
    }

    /** @return the names of the fields a user may set, for messages */
    static String writableNames()
    {
        return Arrays.stream(values()).filter(BayModelField::writable).map(BayModelField::apiName).toList().toString();
    }
}
