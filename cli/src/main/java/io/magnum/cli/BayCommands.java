package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bay-create}, {@code -delete}, {@code -list}, {@code -show} and {@code -update}. Create, update and delete
 * return as soon as Magnum has accepted them, as the python client does; {@code --wait} follows the bay until it
 * is stable instead.
 */
final class BayCommands
{
    private BayCommands()
    {
    }

    /** The {@code --wait} options the bay operations share. */
    static final class WaitOptions
    {
        @Option(names = "--wait",
                description = "Wait until the bay is stable, showing progress on standard error; exit non-zero if "
                        + "it fails. (magnum4j)")
        boolean wait;

        @Option(names = "--wait-timeout", paramLabel = "<minutes>", defaultValue = "60",
                description = "How long --wait waits, in minutes (default: ${DEFAULT-VALUE}).")
        int waitTimeout;

        Duration timeout()
        {
            if (waitTimeout < 1) {
                throw new CliException("--wait-timeout must be at least 1 minute, not " + waitTimeout, 2, null);
            }
            return Duration.ofMinutes(waitTimeout);
        }
    }

    /** Shows a bay that {@code --wait} saw settle, and fails the command when it settled as failed. */
    private static int settled(ApiCommand command, JsonNode bay, String label)
    {
        command.show(bay);
        String status = bay.path("status").asText();
        if (status.endsWith("_FAILED")) {
            throw new CliException("Bay " + label + " is " + status + ": " + bay.path("status_reason").asText(""));
        }
        return 0;
    }

    /** {@code bay-create}: looks the baymodel up first (by name or uuid), as the python client does. */
    @Command(name = "bay-create", description = "Create a bay.")
    static final class Create extends ApiCommand
    {
        @Option(names = "--name", paramLabel = "<name>", description = "Name of the bay to create.")
        String name;

        @Option(names = "--baymodel", required = true, paramLabel = "<baymodel>",
                description = "ID or name of the baymodel.")
        String baymodel;

        @Option(names = "--node-count", paramLabel = "<node-count>", defaultValue = "1",
                description = "The bay node count (default: ${DEFAULT-VALUE}).")
        int nodeCount;

        @Option(names = "--master-count", paramLabel = "<master-count>", defaultValue = "1",
                description = "The number of master nodes for the bay (default: ${DEFAULT-VALUE}).")
        int masterCount;

        @Option(names = "--discovery-url", paramLabel = "<discovery-url>",
                description = "Specifies custom discovery url for node discovery.")
        String discoveryUrl;

        @Option(names = "--timeout", paramLabel = "<timeout>", defaultValue = "0",
                description = "The timeout for bay creation in minutes. Set to 0 for no timeout. The default is no "
                        + "timeout.")
        int timeout;

        @Mixin
        WaitOptions waiting = new WaitOptions();

        @Override
        int run()
        {
            Duration waitTimeout = waiting.wait ? waiting.timeout() : null;
            JsonNode model = api().get(MagnumApi.path("v1", "baymodels", baymodel));
            ObjectNode body = session().object();
            body.put("name", name);
            body.put("baymodel_id", model.path("uuid").asText());
            body.put("node_count", nodeCount);
            body.put("master_count", masterCount);
            body.put("discovery_url", discoveryUrl);
            body.put("bay_create_timeout", timeout);
            JsonNode bay;
            try {
                bay = api().post(MagnumApi.path("v1", "bays"), body);
            }
            catch (ApiError e) {
                session().err().println("Create for bay " + (name == null ? "None" : name) + " failed: "
                        + e.getMessage());
                return 1;
            }
            bay = complete(bay);
            if (waitTimeout == null) {
                show(bay);
                return 0;
            }
            String label = bay.path("name").asText(bay.path("uuid").asText());
            return settled(this, new BayWaiter(session()).untilStable(bay.path("uuid").asText(), label, waitTimeout),
                    label);
        }

        /** A newer server answers 202 with the uuid alone; the bay itself is one more GET away. */
        private JsonNode complete(JsonNode answer)
        {
            if (answer.has("status") || !answer.has("uuid")) {
                return answer;
            }
            return api().get(MagnumApi.path("v1", "bays", answer.path("uuid").asText()));
        }
    }

    /** {@code bay-delete}: each bay in turn; {@code --wait} then follows them until they are gone. */
    @Command(name = "bay-delete", description = "Delete specified bay.")
    static final class Delete extends ApiCommand
    {
        @Parameters(paramLabel = "<bay>", arity = "1..*", description = "ID or name of the (bay)s to delete.")
        List<String> bays;

        @Mixin
        WaitOptions waiting = new WaitOptions();

        @Override
        int run()
        {
            Duration waitTimeout = waiting.wait ? waiting.timeout() : null;
            Map<String, String> accepted = new LinkedHashMap<>();
            int status = forEach(bays, "Delete", "bay", bay -> {
                // with --wait the uuid is looked up first, so the wait follows this bay and not a namesake
                String uuid = waitTimeout == null ? null
                        : api().get(MagnumApi.path("v1", "bays", bay)).path("uuid").asText();
                api().delete(MagnumApi.path("v1", "bays", bay));
                out().println("Request to delete bay " + bay + " has been accepted.");
                if (uuid != null) {
                    accepted.put(uuid, bay);
                }
            });
            if (waitTimeout == null) {
                return status;
            }
            out().flush();
            List<String> failed = new ArrayList<>();
            BayWaiter waiter = new BayWaiter(session());
            accepted.forEach((uuid, bay) -> {
                JsonNode left = waiter.untilDeleted(uuid, bay, waitTimeout);
                if (left != null) {
                    failed.add("Bay " + bay + " is " + left.path("status").asText() + ": "
                            + left.path("status_reason").asText(""));
                }
            });
            if (!failed.isEmpty()) {
                throw new CliException(String.join("; ", failed));
            }
            return status;
        }
    }

    /** {@code bay-list}: uuid, name, node_count, master_count and status, in the server's order. */
    @Command(name = "bay-list", description = "Print a list of available bays.")
    static final class Listing extends ApiCommand
    {
        @Option(names = "--marker", paramLabel = "<marker>",
                description = "The last bay UUID of the previous page; displays list of bays after \"marker\".")
        String marker;

        @Option(names = "--limit", paramLabel = "<limit>", description = "Maximum number of bays to return.")
        Integer limit;

        @Option(names = "--sort-key", paramLabel = "<sort-key>", description = "Column to sort results by.")
        String sortKey;

        @Option(names = "--sort-dir", paramLabel = "<sort-dir>",
                description = "Direction to sort. \"asc\" or \"desc\".")
        Arguments.SortDir sortDir;

        @Override
        int run()
        {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", limit);
            query.put("marker", marker);
            query.put("sort_key", sortKey);
            query.put("sort_dir", sortDir);
            List<JsonNode> bays = list(MagnumApi.query(MagnumApi.path("v1", "bays"), query), "bays", limit);
            out().println(Table.list(bays, List.of("uuid", "name", "node_count", "master_count", "status"), -1));
            return 0;
        }
    }

    /** {@code bay-show}. */
    @Command(name = "bay-show", description = "Show details about the given bay.")
    static final class Show extends ApiCommand
    {
        @Parameters(paramLabel = "<bay>", description = "ID or name of the bay to show.")
        String bay;

        @Override
        int run()
        {
            show(api().get(MagnumApi.path("v1", "bays", bay)));
            return 0;
        }
    }

    /** {@code bay-update <bay> <op> <path=value>...}: Magnum changes only {@code node_count}. */
    @Command(name = "bay-update", description = "Update information about the given bay.")
    static final class Update extends ApiCommand
    {
        @Parameters(index = "0", paramLabel = "<bay>", description = "UUID or name of bay")
        String bay;

        @Parameters(index = "1", paramLabel = "<op>", description = "Operations: 'add', 'replace' or 'remove'")
        Arguments.Op op;

        @Parameters(index = "2..*", arity = "1..*", paramLabel = "<path=value>",
                description = "Attributes to add/replace or remove (only PATH is necessary on remove)")
        List<String> attributes;

        @Mixin
        WaitOptions waiting = new WaitOptions();

        @Override
        int run()
        {
            Duration waitTimeout = waiting.wait ? waiting.timeout() : null;
            JsonNode answer = api().patch(MagnumApi.path("v1", "bays", bay),
                    Arguments.patch(session().mapper(), op, attributes));
            String uuid = answer.path("uuid").asText(bay);
            if (waitTimeout == null) {
                show(answer.has("status") ? answer : api().get(MagnumApi.path("v1", "bays", uuid)));
                return 0;
            }
            return settled(this, new BayWaiter(session()).untilStable(uuid, bay, waitTimeout), bay);
        }
    }
}
