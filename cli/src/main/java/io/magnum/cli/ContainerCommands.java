package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code container-*} commands, for containers on Swarm bays ({@code /v1/containers}, with Magnum 2.0's
 * action routes: {@code PUT .../start|stop|reboot|pause|unpause}, {@code PUT .../execute?command=},
 * {@code GET .../logs}).
 */
final class ContainerCommands
{
    /** The bay states in which the python client lets a container be created. */
    private static final Set<String> CREATE_STATES = Set.of("CREATE_COMPLETE", "UPDATE_IN_PROGRESS",
            "UPDATE_COMPLETE");

    private ContainerCommands()
    {
    }

    private static String path(String container, String... action)
    {
        String base = MagnumApi.path("v1", "containers", container);
        return action.length == 0 ? base : base + MagnumApi.path(action);
    }

    /** {@code container-create}: only on a bay that is ready, which the python client checks before it asks. */
    @Command(name = "container-create", description = "Create a container.")
    static final class Create extends ApiCommand
    {
        @Option(names = "--name", paramLabel = "<name>", description = "name of the container")
        String name;

        @Option(names = "--image", required = true, paramLabel = "<image>", description = "name or ID of the image")
        String image;

        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "ID or name of the bay.")
        String bay;

        @Option(names = "--command", paramLabel = "<command>", description = "Send command to the container")
        String command;

        @Option(names = "--memory", paramLabel = "<memory>",
                description = "The container memory size (format: <number><optional unit>, where unit = b, k, m or g)")
        String memory;

        @Override
        int run()
        {
            JsonNode found = api().get(MagnumApi.path("v1", "bays", bay));
            String status = found.path("status").asText();
            if (!CREATE_STATES.contains(status)) {
                throw new CliException("Bay status for " + found.path("uuid").asText() + " is: " + status
                        + ". We cannot create a container unless the status is CREATE_COMPLETE, UPDATE_IN_PROGRESS"
                        + " or UPDATE_COMPLETE.");
            }
            ObjectNode body = session().object();
            body.put("name", name);
            body.put("image", image);
            body.put("bay_uuid", found.path("uuid").asText());
            body.put("command", command);
            body.put("memory", memory);
            show(api().post(MagnumApi.path("v1", "containers"), body));
            return 0;
        }
    }

    /** {@code container-delete}. */
    @Command(name = "container-delete", description = "Delete specified containers.")
    static final class Delete extends ApiCommand
    {
        @Parameters(paramLabel = "<container>", arity = "1..*",
                description = "ID or name of the (container)s to delete.")
        List<String> containers;

        @Override
        int run()
        {
            return forEach(containers, "Delete", "container", container -> {
                api().delete(path(container));
                out().println("Request to delete container " + container + " has been accepted.");
            });
        }
    }

    /** {@code container-exec <container> --command <command>}: prints the command's output. */
    @Command(name = "container-exec", description = "Execute command in a container.")
    static final class Exec extends ApiCommand
    {
        @Parameters(paramLabel = "<container>", description = "ID or name of the container to execute command in.")
        String container;

        @Option(names = "--command", required = true, paramLabel = "<command>", description = "The command to execute")
        String command;

        @Override
        int run()
        {
            JsonNode answer = api().put(MagnumApi.query(path(container, "execute"),
                    MagnumApi.parameter("command", command)));
            out().println(answer.path("output").asText());
            return 0;
        }
    }

    /** {@code container-list}: uuid, name, status and bay_uuid, optionally of one bay. */
    @Command(name = "container-list", description = "Print a list of available containers.")
    static final class Listing extends ApiCommand
    {
        @Option(names = "--marker", paramLabel = "<marker>",
                description = "The last container UUID of the previous page; displays list of containers after "
                        + "\"marker\".")
        String marker;

        @Option(names = "--limit", paramLabel = "<limit>", description = "Maximum number of containers to return")
        Integer limit;

        @Option(names = "--sort-key", paramLabel = "<sort-key>", description = "Column to sort results by")
        String sortKey;

        @Option(names = "--sort-dir", paramLabel = "<sort-dir>",
                description = "Direction to sort. \"asc\" or \"desc\".")
        Arguments.SortDir sortDir;

        @Option(names = "--bay", paramLabel = "<bay>", description = "UUID or Name of Bay")
        String bay;

        @Override
        int run()
        {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", limit);
            query.put("marker", marker);
            query.put("sort_key", sortKey);
            query.put("sort_dir", sortDir);
            query.put("bay_ident", bay);
            List<JsonNode> containers = list(MagnumApi.query(MagnumApi.path("v1", "containers"), query),
                    "containers", limit);
            out().println(Table.list(containers, List.of("uuid", "name", "status", "bay_uuid"), -1));
            return 0;
        }
    }

    /** {@code container-logs}: prints the container's log. */
    @Command(name = "container-logs", description = "Get logs of a container.")
    static final class Logs extends ApiCommand
    {
        @Parameters(paramLabel = "<container>", description = "ID or name of the container to get logs for.")
        String container;

        @Override
        int run()
        {
            out().println(api().get(path(container, "logs")).path("output").asText());
            return 0;
        }
    }

    /** {@code container-show}, or its JSON with {@code --json}. */
    @Command(name = "container-show", description = "Show details of a container.")
    static final class Show extends ApiCommand
    {
        @Parameters(paramLabel = "<container>", description = "ID or name of the container to show.")
        String container;

        @Option(names = "--json", description = "Print JSON representation of the container.")
        boolean json;

        @Override
        int run()
        {
            JsonNode found = api().get(path(container));
            if (json) {
                out().println(PythonText.dumps(found));
            }
            else {
                show(found);
            }
            return 0;
        }
    }

    /** The actions on several containers: start, stop, reboot, pause, unpause; silent when they succeed. */
    abstract static class Action extends ApiCommand
    {
        @Parameters(paramLabel = "<container>", arity = "1..*", description = "ID or name of the (container)s.")
        List<String> containers;

        /** @return the action's path segment ({@code start}) */
        abstract String action();

        @Override
        int run()
        {
            String operation = Character.toUpperCase(action().charAt(0)) + action().substring(1);
            return forEach(containers, operation, "container", container -> api().put(path(container, action())));
        }
    }

    /** {@code container-pause}. */
    @Command(name = "container-pause", description = "Pause specified containers.")
    static final class Pause extends Action
    {
        @Override
        String action()
        {
            return "pause";
        }
    }

    /** {@code container-reboot}. */
    @Command(name = "container-reboot", description = "Reboot specified containers.")
    static final class Reboot extends Action
    {
        @Override
        String action()
        {
            return "reboot";
        }
    }

    /** {@code container-start}. */
    @Command(name = "container-start", description = "Start specified containers.")
    static final class Start extends Action
    {
        @Override
        String action()
        {
            return "start";
        }
    }

    /** {@code container-stop}. */
    @Command(name = "container-stop", description = "Stop specified containers.")
    static final class Stop extends Action
    {
        @Override
        String action()
        {
            return "stop";
        }
    }

    /** {@code container-unpause}. */
    @Command(name = "container-unpause", description = "Unpause specified containers.")
    static final class Unpause extends Action
    {
        @Override
        String action()
        {
            return "unpause";
        }
    }
}
