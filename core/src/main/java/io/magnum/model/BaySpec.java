package io.magnum.model;

import io.magnum.InvalidInputException;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user asks for when creating a bay, as {@code magnum bay-create} takes it. Unset values get Magnum's
 * defaults at create: one node, one master, no create timeout. Nothing is checked here.
 *
 * <pre>{@code
 * BaySpec spec = BaySpec.of("k8sbay", "k8sbaymodel", 1);
 * }</pre>
 *
 * @param name             the bay's name, unique in the project; optional
 * @param bayModel         the baymodel's uuid or name; required
 * @param nodeCount        nodes, at least 1 (default 1)
 * @param masterCount      masters, at least 1 (default 1)
 * @param discoveryUrl     an etcd discovery URL; generated when absent
 * @param bayCreateTimeout minutes before the create fails as timed out; 0 (the default) for none
 */
public record BaySpec(String name, String bayModel, Integer nodeCount, Integer masterCount, String discoveryUrl,
        Integer bayCreateTimeout)
{
    private static final Set<String> FIELDS = Set.of("name", "baymodel_id", "node_count", "master_count",
            "discovery_url", "bay_create_timeout");

    /**
     * @param name      the bay's name
     * @param bayModel  the baymodel's uuid or name
     * @param nodeCount the number of nodes
     * @return the spec, with one master and no timeout
     */
    public static BaySpec of(String name, String bayModel, int nodeCount)
    {
        return new BaySpec(name, bayModel, nodeCount, null, null, null);
    }

    /**
     * Reads Magnum's field names ({@code baymodel_id}, {@code node_count}, ...); values may be strings.
     *
     * @param attributes field name to value
     * @return the spec
     * @throws InvalidInputException naming every unknown field and unreadable value
     */
    public static BaySpec fromAttributes(Map<String, ?> attributes)
    {
        if (attributes == null) {
            throw InvalidInputException.of("bay", "a bay needs attributes; got none");
        }
        List<FieldViolation> errors = new ArrayList<>();
        for (String key : attributes.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(new FieldViolation(String.valueOf(key), "unknown field '" + key + "'; a bay takes "
                        + new java.util.TreeSet<>(FIELDS)));
            }
        }
        Integer nodes = integer(attributes.get("node_count"), "node_count", errors);
        Integer masters = integer(attributes.get("master_count"), "master_count", errors);
        Integer timeout = integer(attributes.get("bay_create_timeout"), "bay_create_timeout", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new BaySpec(text(attributes.get("name")), text(attributes.get("baymodel_id")), nodes, masters,
                text(attributes.get("discovery_url")), timeout);
    }

    private static String text(Object value)
    {
        return value == null ? null : String.valueOf(value);
    }

    private static Integer integer(Object value, String field, List<FieldViolation> errors)
    {
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        }
        catch (NumberFormatException e) {
            errors.add(new FieldViolation(field, field + " must be an integer, not '" + value + "'"));
            return null;
        }
    }
}
