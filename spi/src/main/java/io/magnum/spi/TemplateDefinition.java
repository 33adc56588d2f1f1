package io.magnum.spi;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A bay's stack as a driver describes it: the main HOT template, the files it names, and the parameter values
 * computed from the baymodel and the bay. The host creates or updates the stack from it; the driver never calls
 * the cloud.
 *
 * <pre>{@code
 * Map<String, String> files = HeatTemplates.load("kubernetes");
 * return new TemplateDefinition(files.get("kubecluster.yaml"), files, parameters);
 * }</pre>
 *
 * @param template   the main template's text
 * @param files      every file the template names, keyed as it names them
 * @param parameters parameter name to value, as Heat takes them (strings)
 */
public record TemplateDefinition(String template, Map<String, String> files, Map<String, String> parameters)
{
    public TemplateDefinition
    {
        requireNonNull(template, "template is null");
        files = Map.copyOf(requireNonNull(files, "files is null"));
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
    }
}
