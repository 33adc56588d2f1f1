package io.magnum.spi.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What to create or update a Heat stack from: a HOT template, the files it names ({@code get_file} targets and
 * nested templates, keyed as the template names them), parameter values (as strings, the way Heat's API takes
 * them), an optional environment, and a timeout.
 *
 * <pre>{@code
 * StackRequest request = new StackRequest("k8sbay-abc123", template,
 *         Map.of("kubeminion.yaml", minion), Map.of("number_of_minions", "2"), null, 60);
 * }</pre>
 *
 * @param name           the stack name (letters, digits, '_', '-', '.'; starting with a letter)
 * @param template       the HOT template text (YAML or JSON)
 * @param files          file name to content, for {@code get_file} and nested templates; never null
 * @param parameters     parameter name to value; never null
 * @param environment    an environment (YAML text with {@code parameters}, {@code parameter_defaults},
 *                       {@code resource_registry}), or null
 * @param timeoutMinutes minutes before a create or update fails as timed out; 0 for none
 */
public record StackRequest(
        String name,
        String template,
        Map<String, String> files,
        Map<String, String> parameters,
        String environment,
        int timeoutMinutes)
{
    public StackRequest
    {
        requireNonNull(name, "name is null");
        requireNonNull(template, "template is null");
        files = Map.copyOf(requireNonNull(files, "files is null"));
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        if (timeoutMinutes < 0) {
            throw new IllegalArgumentException("timeoutMinutes < 0");
        }
    }
}
