package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A command that talks to the API. Subclasses implement {@link #run()}; what they print goes to the session's
 * {@code out}, what fails is thrown ({@link ApiError}, {@link CliException}) and printed by {@link MagnumCli}.
 */
abstract class ApiCommand implements Callable<Integer>
{
    @ParentCommand
    MagnumCommand root;

    private Session session;

    @Override
    public final Integer call()
    {
        session = root.session();
        return run();
    }

    /** @return the exit status */
    abstract int run();

    Session session()
    {
        return session;
    }

    MagnumApi api()
    {
        return session.api();
    }

    PrintStream out()
    {
        return session.out();
    }

    /** Prints a show table of the object (without its links). */
    void show(JsonNode object)
    {
        out().println(Table.show(object));
    }

    /**
     * Reads every page of a collection, following its {@code next} links, as python-magnumclient's
     * {@code _list_pagination} does.
     *
     * @param path  the first page's path
     * @param key   the collection's key ({@code bays})
     * @param limit how many items at most, or null for all
     * @return the items
     */
    List<JsonNode> list(String path, String key, Integer limit)
    {
        List<JsonNode> items = new ArrayList<>();
        String next = path;
        while (next != null) {
            JsonNode page = api().get(next);
            for (JsonNode item : page.path(key)) {
                items.add(item);
                if (limit != null && limit > 0 && items.size() >= limit) {
                    return items;
                }
            }
            next = relative(page.path("next").asText(null));
        }
        return items;
    }

    /** A {@code next} link without its scheme and host, so it goes to the URL this client was given. */
    private static String relative(String next)
    {
        if (next == null || next.isBlank()) {
            return null;
        }
        URI uri = URI.create(next);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * Runs an operation on each target as python-magnumclient's multi-target commands do: a failure prints
     * {@code <Op> for <kind> <target> failed: <error>} (on standard error) and the others still run.
     *
     * @param targets   the targets, as typed
     * @param operation what is done, as the failure line names it ({@code Delete})
     * @param kind      what they are ({@code bay})
     * @param action    the operation; it may print
     * @return 0 when every target succeeded, else 1
     */
    int forEach(List<String> targets, String operation, String kind, Consumer<String> action)
    {
        int status = 0;
        for (String target : targets) {
            try {
                action.accept(target);
            }
            catch (ApiError e) {
                session.err().println(operation + " for " + kind + " " + target + " failed: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
