package io.magnum.local.heat;

import io.magnum.spi.cloud.InvalidStackException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/** YAML (and so JSON) text to plain maps, lists and scalars, as Heat's loader reads templates. */
final class Yaml
{
    private Yaml()
    {
    }

    static Object load(String text, String what)
    {
        try {
            return loadOrThrow(text);
        }
        catch (YAMLException e) {
            throw new InvalidStackException("Error parsing " + what + ": " + e.getMessage().replace('\n', ' '));
        }
    }

    /**
     * @param text YAML or JSON
     * @return what it holds
     * @throws YAMLException when it does not parse
     */
    static Object loadOrThrow(String text)
    {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        options.setCodePointLimit(16 * 1024 * 1024);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
        return normalise(yaml.load(text));
    }

    // YAML 1.1 reads 2015-04-30 as a date; Heat's loader keeps such values as text, and so do we.
    private static Object normalise(Object value)
    {
        if (value instanceof Date date) {
            SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
            format.setTimeZone(TimeZone.getTimeZone("UTC"));
            return format.format(date);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(normalise(k)), normalise(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normalise(v)));
            return copy;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }
}
