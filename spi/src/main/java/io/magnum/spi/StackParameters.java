package io.magnum.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parameter map builder for drivers: puts values as Heat takes them (text), skips absent ones, and reads stack
 * outputs back into addresses.
 *
 * <pre>{@code
 * StackParameters p = new StackParameters();
 * p.put("number_of_minions", bay.nodeCount()).put("minion_flavor", model.flavorId());
 * }</pre>
 */
public final class StackParameters
{
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * The parameters every Magnum template takes under the same names (Magnum's base template definition):
     * {@code ssh_key_name}, {@code server_image}, {@code external_network}, {@code master_flavor},
     * {@code dns_nameserver}, {@code number_of_masters}, {@code docker_volume_size} (0 when unset: no volume) and
     * the proxies.
     *
     * @param model the baymodel
     * @param bay   the bay
     * @return parameters to add the COE's own to
     */
    public static StackParameters base(BayModelView model, BayView bay)
    {
        return new StackParameters()
                .put("ssh_key_name", model.keypairId())
                .put("server_image", model.imageId())
                .put("external_network", model.externalNetworkId())
                .put("master_flavor", model.masterFlavorId())
                .put("dns_nameserver", model.dnsNameserver())
                .put("number_of_masters", bay.masterCount())
                .put("docker_volume_size", model.dockerVolumeSize().orElse(0))
                .put("http_proxy", model.httpProxy())
                .put("https_proxy", model.httpsProxy())
                .put("no_proxy", model.noProxy());
    }

    /**
     * @param name  a parameter
     * @param value its value; booleans become {@code true}/{@code false}, absent optionals and nulls are skipped
     * @return this
     */
    public StackParameters put(String name, Object value)
    {
        Object v = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (v != null) {
            values.put(name, String.valueOf(v));
        }
        return this;
    }

    /**
     * Copies the labels that are present under their own name.
     *
     * @param labels the baymodel's labels
     * @param names  the labels the template takes as parameters
     * @return this
     */
    public StackParameters labels(Map<String, String> labels, String... names)
    {
        for (String name : names) {
            put(name, labels.get(name));
        }
        return this;
    }

    /** @return the parameters */
    public Map<String, String> build()
    {
        return new LinkedHashMap<>(values);
    }

    /**
     * Reads a list-valued output as addresses.
     *
     * @param outputs the stack outputs
     * @param name    the output
     * @return its elements as text, without nulls; empty when absent
     */
    public static List<String> addresses(Map<String, Object> outputs, String name)
    {
        Object value = outputs.get(name);
        if (value instanceof List<?> list) {
            return list.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
        }
        return value == null || String.valueOf(value).isBlank() ? List.of() : List.of(String.valueOf(value));
    }

    /**
     * @param outputs the stack outputs
     * @param name    the output
     * @return its value as text, when present and not blank
     */
    public static Optional<String> text(Map<String, Object> outputs, String name)
    {
        Object value = outputs.get(name);
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value));
    }
}
