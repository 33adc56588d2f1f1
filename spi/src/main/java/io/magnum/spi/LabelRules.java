package io.magnum.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks for the labels drivers read, so every driver words the same mistake the same way.
 *
 * <pre>{@code
 * List<FieldViolation> errors = new ArrayList<>();
 * LabelRules.cidr(model.labels(), "flannel_network_cidr").ifPresent(errors::add);
 * }</pre>
 */
public final class LabelRules
{
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");

    private LabelRules()
    {
    }

    /**
     * A label, when present, must be an IPv4 CIDR such as {@code 10.100.0.0/16}.
     *
     * @param labels the labels
     * @param key    the label to check
     * @return the violation, or empty
     */
    public static Optional<FieldViolation> cidr(Map<String, String> labels, String key)
    {
        String value = labels.get(key);
        if (value == null || IPV4_CIDR.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(new FieldViolation("labels",
                "label " + key + " must be an IPv4 CIDR such as 10.100.0.0/16, not '" + value + "'"));
    }

    /**
     * A label, when present, must be an integer within bounds.
     *
     * @param labels the labels
     * @param key    the label to check
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     * @return the violation, or empty
     */
    public static Optional<FieldViolation> integer(Map<String, String> labels, String key, int min, int max)
    {
        String value = labels.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return Optional.empty();
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of(new FieldViolation("labels",
                "label " + key + " must be an integer from " + min + " to " + max + ", not '" + value + "'"));
    }

    /**
     * A label, when present, must be {@code true} or {@code false}.
     *
     * @param labels the labels
     * @param key    the label to check
     * @return the violation, or empty
     */
    public static Optional<FieldViolation> bool(Map<String, String> labels, String key)
    {
        String value = labels.get(key);
        if (value == null || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        return Optional.of(new FieldViolation("labels",
                "label " + key + " must be true or false, not '" + value + "'"));
    }

    /**
     * The flannel labels Magnum's Kubernetes and Swarm templates read: {@code flannel_network_cidr},
     * {@code flannel_network_subnetlen} (8..30) and {@code flannel_use_vxlan}.
     *
     * @param labels the labels
     * @return every violation, possibly none
     */
    public static List<FieldViolation> flannel(Map<String, String> labels)
    {
        List<FieldViolation> violations = new ArrayList<>();
        cidr(labels, "flannel_network_cidr").ifPresent(violations::add);
        integer(labels, "flannel_network_subnetlen", 8, 30).ifPresent(violations::add);
        bool(labels, "flannel_use_vxlan").ifPresent(violations::add);
        return List.copyOf(violations);
    }
}
