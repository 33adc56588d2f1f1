package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code baymodel-create}, {@code -delete}, {@code -list}, {@code -show} and {@code -update}, as python-magnumclient
 * 2.x has them.
 */
final class BayModelCommands
{
    private BayModelCommands()
    {
    }

    /**
     * {@code baymodel-create}: the client's defaults are {@code --dns-nameserver 8.8.8.8} and
     * {@code --flavor-id m1.medium}.
     */
    @Command(name = "baymodel-create", description = "Create a baymodel.")
    static final class Create extends ApiCommand
    {
        @Option(names = "--name", paramLabel = "<name>", description = "Name of the baymodel to create.")
        String name;

        @Option(names = "--image-id", required = true, paramLabel = "<image-id>",
                description = "The name or UUID of the base image to customize for the bay.")
        String imageId;

        @Option(names = "--keypair-id", required = true, paramLabel = "<keypair-id>",
                description = "The name or UUID of the SSH keypair to load into the Bay nodes.")
        String keypairId;

        @Option(names = "--external-network-id", required = true, paramLabel = "<external-network-id>",
                description = "The external Neutron network ID to connect to this bay model.")
        String externalNetworkId;

        @Option(names = "--coe", required = true, paramLabel = "<coe>",
                description = "Specify the Container Orchestration Engine to use.")
        String coe;

        @Option(names = "--fixed-network", paramLabel = "<fixed-network>",
                description = "The private Neutron network name to connect to this bay model.")
        String fixedNetwork;

        @Option(names = "--network-driver", paramLabel = "<network-driver>",
                description = "The network driver name for instantiating container networks.")
        String networkDriver;

        @Option(names = "--volume-driver", paramLabel = "<volume-driver>",
                description = "The volume driver name for instantiating container volume.")
        String volumeDriver;

        @Option(names = "--dns-nameserver", paramLabel = "<dns-nameserver>", defaultValue = "8.8.8.8",
                description = "The DNS nameserver to use for this Bay (default: ${DEFAULT-VALUE}).")
        String dnsNameserver;

        @Option(names = "--flavor-id", paramLabel = "<flavor-id>", defaultValue = "m1.medium",
                description = "The nova flavor id to use when launching the bay (default: ${DEFAULT-VALUE}).")
        String flavorId;

        @Option(names = "--master-flavor-id", paramLabel = "<master-flavor-id>",
                description = "The nova flavor id to use when launching the master node of the bay.")
        String masterFlavorId;

        @Option(names = "--docker-volume-size", paramLabel = "<docker-volume-size>",
                description = "Specify the number of size in GB for the docker volume to use.")
        Integer dockerVolumeSize;

        @Option(names = "--http-proxy", paramLabel = "<http-proxy>",
                description = "The http_proxy address to use for nodes in bay.")
        String httpProxy;

        @Option(names = "--https-proxy", paramLabel = "<https-proxy>",
                description = "The https_proxy address to use for nodes in bay.")
        String httpsProxy;

        @Option(names = "--no-proxy", paramLabel = "<no-proxy>",
                description = "The no_proxy address to use for nodes in bay.")
        String noProxy;

        @Option(names = "--labels", paramLabel = "<KEY1=VALUE1,KEY2=VALUE2;KEY3=VALUE3...>",
                description = "Arbitrary labels in the form of key=value pairs to associate with a baymodel. "
                        + "May be used multiple times.")
        List<String> labels = new ArrayList<>();

        @Option(names = "--tls-disabled", description = "Disable TLS in the Bay.")
        boolean tlsDisabled;

        @Option(names = "--public", description = "Make baymodel public.")
        boolean publicModel;

        @Option(names = "--registry-enabled", description = "Enable docker registry in the Bay")
        boolean registryEnabled;

        @Override
        int run()
        {
            ObjectNode body = session().object();
            body.put("name", name);
            body.put("flavor_id", flavorId);
            body.put("master_flavor_id", masterFlavorId);
            body.put("image_id", imageId);
            body.put("keypair_id", keypairId);
            body.put("external_network_id", externalNetworkId);
            body.put("fixed_network", fixedNetwork);
            body.put("network_driver", networkDriver);
            body.put("volume_driver", volumeDriver);
            body.put("dns_nameserver", dnsNameserver);
            body.put("docker_volume_size", dockerVolumeSize);
            body.put("coe", coe);
            body.put("http_proxy", httpProxy);
            body.put("https_proxy", httpsProxy);
            body.put("no_proxy", noProxy);
            body.set("labels", Arguments.labels(session().mapper(), labels));
            body.put("tls_disabled", tlsDisabled);
            body.put("public", publicModel);
            body.put("registry_enabled", registryEnabled);
            show(api().post(MagnumApi.path("v1", "baymodels"), body));
            return 0;
        }
    }

    /** {@code baymodel-delete}: each one in turn; a failure is reported and the others still go. */
    @Command(name = "baymodel-delete", description = "Delete specified baymodel.")
    static final class Delete extends ApiCommand
    {
        @Parameters(paramLabel = "<baymodels>", arity = "1..*",
                description = "ID or name of the (baymodel)s to delete.")
        List<String> baymodels;

        @Override
        int run()
        {
            return forEach(baymodels, "Delete", "baymodel", baymodel -> {
                api().delete(MagnumApi.path("v1", "baymodels", baymodel));
                out().println("Request to delete baymodel " + baymodel + " has been accepted.");
            });
        }
    }

    /** {@code baymodel-list}: columns uuid and name, in the server's order. */
    @Command(name = "baymodel-list", description = "Print a list of bay models.")
    static final class Listing extends ApiCommand
    {
        @Option(names = "--limit", paramLabel = "<limit>", description = "Maximum number of baymodels to return")
        Integer limit;

        @Option(names = "--sort-key", paramLabel = "<sort-key>", description = "Column to sort results by")
        String sortKey;

        @Option(names = "--sort-dir", paramLabel = "<sort-dir>",
                description = "Direction to sort. \"asc\" or \"desc\".")
        Arguments.SortDir sortDir;

        @Override
        int run()
        {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", limit);
            query.put("sort_key", sortKey);
            query.put("sort_dir", sortDir);
            List<JsonNode> models = list(MagnumApi.query(MagnumApi.path("v1", "baymodels"), query),
                    "baymodels", limit);
            out().println(Table.list(models, List.of("uuid", "name"), -1));
            return 0;
        }
    }

    /** {@code baymodel-show}. */
    @Command(name = "baymodel-show", description = "Show details about the given baymodel.")
    static final class Show extends ApiCommand
    {
        @Parameters(paramLabel = "<baymodel>", description = "ID of the baymodel to show.")
        String baymodel;

        @Override
        int run()
        {
            show(api().get(MagnumApi.path("v1", "baymodels", baymodel)));
            return 0;
        }
    }

    /** {@code baymodel-update <baymodel> <op> <path=value>...}: a JSON-patch. */
    @Command(name = "baymodel-update", description = "Updates one or more baymodel attributes.")
    static final class Update extends ApiCommand
    {
        @Parameters(index = "0", paramLabel = "<baymodel>", description = "UUID or name of baymodel")
        String baymodel;

        @Parameters(index = "1", paramLabel = "<op>", description = "Operations: 'add', 'replace' or 'remove'")
        Arguments.Op op;

        @Parameters(index = "2..*", arity = "1..*", paramLabel = "<path=value>",
                description = "Attributes to add/replace or remove (only PATH is necessary on remove)")
        List<String> attributes;

        @Override
        int run()
        {
            ArrayNode patch = Arguments.patch(session().mapper(), op, attributes);
            show(api().patch(MagnumApi.path("v1", "baymodels", baymodel), patch));
            return 0;
        }
    }
}
