package io.magnum.engine.mesos;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.magnum.spi.coe.CoeException;

/**
 * Marathon app ids for containers. A container is one top-level app named after the container: the name in lower
 * case, with {@code _} turned into {@code -} (Docker allows {@code _}, Marathon does not), which must then be a valid
 * Marathon path segment: digits, lower-case letters, {@code -} and {@code .}, not starting or ending with
 * {@code -}, and none of Marathon's reserved words ({@code restart}, {@code tasks}, {@code versions}). Anything else
 * is refused here, before Marathon is called, as invalid input in the field {@code name}.
 */
final class MarathonAppId
{
    /** Marathon's rule for one segment of an app id. */
    private static final Pattern SEGMENT =
            Pattern.compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$");
    private static final Set<String> RESERVED = Set.of("restart", "tasks", "versions");

    private MarathonAppId()
    {
    }

    /**
     * @param name a container name
     * @return its app id, such as {@code /redis-1}
     * @throws CoeException {@code INVALID} (field {@code name}) when the name cannot be a Marathon id
     */
    static String fromName(String name)
    {
        String segment = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (segment.isEmpty()) {
            throw CoeException.invalid("name", "a Marathon app needs a name");
        }
        if (segment.contains("/")) {
            throw CoeException.invalid("name", "'" + name + "' cannot be a Marathon app id: a container is one top-level"
                    + " app, so its name may not contain '/'");
        }
        if (!SEGMENT.matcher(segment).matches()) {
            throw CoeException.invalid("name", "'" + name + "' cannot be a Marathon app id: use digits, letters, '-'"
                    + " and '.', starting and ending with a letter or digit");
        }
        if (RESERVED.contains(segment)) {
            throw CoeException.invalid("name", "'" + name + "' is a word Marathon reserves in app ids");
        }
        return "/" + segment;
    }

    /**
     * @param id an app id as a caller gave it, with or without the leading {@code /}
     * @return the id as a path under {@code /v2/apps}, such as {@code /redis-1}
     * @throws CoeException {@code NOT_FOUND} when it cannot be an app id (no such app can exist)
     */
    static String path(String id)
    {
        String trimmed = id == null ? "" : id.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            throw new CoeException(CoeException.Reason.NOT_FOUND, "App '" + id + "' does not exist");
        }
        for (String segment : trimmed.split("/")) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new CoeException(CoeException.Reason.NOT_FOUND, "App '/" + trimmed + "' does not exist");
            }
        }
        return "/" + trimmed;
    }
}
