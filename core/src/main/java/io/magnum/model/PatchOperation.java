package io.magnum.model;

import io.magnum.InvalidInputException;

import java.util.Locale;

/**
 * One step of Magnum's patch form, as {@code magnum baymodel-update k8sbaymodel replace docker_volume_size=10}
 * sends it: an operation ({@code replace}, {@code add} or {@code remove}), a path (a field name, with or without the
 * leading slash of JSON-patch; {@code labels/key} addresses one label) and, except for {@code remove}, a value.
 * Values may be strings, as the CLI gives them, or typed. Nothing is checked until the update runs.
 *
 * <pre>{@code
 * PatchOperation.replace("docker_volume_size", 10)
 * PatchOperation.parse("replace", "docker_volume_size=10")
 * PatchOperation.remove("labels/flannel_use_vxlan")
 * }</pre>
 *
 * @param op    {@code add}, {@code replace} or {@code remove}
 * @param path  the field (or {@code labels/key})
 * @param value the new value; null for {@code remove}
 */
public record PatchOperation(String op, String path, Object value)
{
    /**
     * @param path  the field
     * @param value the new value
     * @return a {@code replace} operation
     */
    public static PatchOperation replace(String path, Object value)
    {
        return new PatchOperation("replace", path, value);
    }

    /**
     * @param path  the field
     * @param value the value
     * @return an {@code add} operation
     */
    public static PatchOperation add(String path, Object value)
    {
        return new PatchOperation("add", path, value);
    }

    /**
     * @param path the field
     * @return a {@code remove} operation, which resets the field to its default
     */
    public static PatchOperation remove(String path)
    {
        return new PatchOperation("remove", path, null);
    }

    /**
     * Reads the CLI's form: an operation and {@code path=value} ({@code path} alone for remove).
     *
     * @param op        {@code add}, {@code replace} or {@code remove}
     * @param attribute {@code path=value}
     * @return the operation
     * @throws InvalidInputException when {@code add}/{@code replace} has no {@code =value}
     */
    public static PatchOperation parse(String op, String attribute)
    {
        if (attribute == null || attribute.isBlank()) {
            throw InvalidInputException.of("path", "a patch needs an attribute: path=value (or path for remove)");
        }
        String operation = op == null ? null : op.toLowerCase(Locale.ROOT);
        int equals = attribute.indexOf('=');
        if ("remove".equals(operation)) {
            return remove(equals < 0 ? attribute.trim() : attribute.substring(0, equals).trim());
        }
        if (equals <= 0) {
            throw InvalidInputException.of("path", "'" + attribute + "' is not of the form path=value");
        }
        return new PatchOperation(operation, attribute.substring(0, equals).trim(), attribute.substring(equals + 1));
    }
}
