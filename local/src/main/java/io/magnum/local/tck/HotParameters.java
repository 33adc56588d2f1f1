package io.magnum.local.tck;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters a HOT template declares, read with SnakeYAML as Heat reads the template (JSON is YAML too).
 *
 * @param declared every declared parameter
 * @param required those without a {@code default}: a stack cannot be made without them
 */
record HotParameters(Set<String> declared, Set<String> required)
{
    static HotParameters of(String template)
    {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(template);
        if (!(root instanceof Map<?, ?> map) || !map.containsKey("heat_template_version")) {
            throw new AssertionError("the template is not a HOT template (no heat_template_version)");
        }
        Map<String, Object> parameters = new TreeMap<>();
        if (map.get("parameters") instanceof Map<?, ?> declared) {
            declared.forEach((name, spec) -> parameters.put(String.valueOf(name), spec));
        }
        Set<String> required = new TreeSet<>();
        parameters.forEach((name, spec) -> {
            if (!(spec instanceof Map<?, ?> definition) || !definition.containsKey("default")) {
                required.add(name);
            }
        });
        return new HotParameters(Set.copyOf(parameters.keySet()), Set.copyOf(required));
    }
}
