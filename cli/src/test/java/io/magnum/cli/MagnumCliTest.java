package io.magnum.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.magnum.cli.Samples.bay;
import static org.assertj.core.api.Assertions.assertThat;

/** What every command shares: errors, the global options, help, completion. */
final class MagnumCliTest
{
    private final FakeApi api = new FakeApi();

    @AfterEach
    void close()
    {
        api.close();
    }

    @Test
    void aMissingRequiredOptionIsAUsageError()
    {
        FakeApi.Run run = api.run("baymodel-create", "--name", "x", "--coe", "kubernetes");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("ERROR: Missing required options: '--image-id=<image-id>'")
                .contains("Try 'magnum help baymodel-create' for help on a specific command.");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aWrongOptionValueIsAUsageError()
    {
        FakeApi.Run run = api.run("bay-create", "--baymodel", "m", "--node-count", "two");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--node-count").contains("'two' is not an int");
    }

    @Test
    void anApiErrorIsOneLineWithItsStatus()
    {
        api.on("GET /v1/bays/nope", 404, "{\"errors\": [{\"status\": 404, \"title\": \"Bay nope could not be "
                + "found\", \"detail\": \"Bay nope could not be found.\\nreally\"}]}");
        api.on("GET /v1/baymodels/old", 400, "{\"error_message\": \"{\\\"faultstring\\\": \\\"Invalid input for "
                + "field/attribute limit.\\\", \\\"debuginfo\\\": null}\"}");
        api.on("GET /v1/baymodels/text", 500, "");

        FakeApi.Run run = api.run("bay-show", "nope");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("ERROR: Bay nope could not be found. really (HTTP 404)\n");
        assertThat(api.run("baymodel-show", "old").err())
                .isEqualTo("ERROR: Invalid input for field/attribute limit. (HTTP 400)\n");
        assertThat(api.run("baymodel-show", "text").err()).isEqualTo("ERROR: Internal Server Error (HTTP 500)\n");
    }

    @Test
    void namesArePercentEncodedInPaths()
    {
        api.on("GET /v1/bays/my%20bay%2Fx", 200, bay("CREATE_COMPLETE"));

        assertThat(api.run("bay-show", "my bay/x").status()).isZero();
    }

    @Test
    void anUnreachableServerSaysHowToStartOne() throws IOException
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = MagnumCli.builder().err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .environment(Map.of("MAGNUM_URL", "http://127.0.0.1:" + port + "/v1/")).build().run("bay-list");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR: cannot reach the Magnum API at "
                + "http://127.0.0.1:" + port + " (connection refused). Start it with bin/magnum-server, or point "
                + "MAGNUM_URL or --magnum-url at a running one.\n");
    }

    @Test
    void aBadUrlIsAUsageError()
    {
        FakeApi.Run run = api.run("--magnum-url", "127.0.0.1:9511", "bay-list");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: the Magnum API URL '127.0.0.1:9511' is not an http(s) URL");
    }

    @Test
    void globalOptionsGoBeforeOrAfterTheCommand()
    {
        try (FakeApi other = new FakeApi()) {
            other.on("GET /v1/mservices", 200, "{\"mservices\": []}");

            assertThat(api.run("--magnum-url", other.url(), "--os-token", "t1", "service-list").status()).isZero();
            assertThat(api.run("service-list", "--magnum-url", other.url(), "--os-token", "t2").status()).isZero();

            assertThat(other.requests()).extracting(FakeApi.Request::token).containsExactly("t1", "t2");
            assertThat(api.requests()).isEmpty();
        }
    }

    @Test
    void theTokenComesFromTheEnvironment()
    {
        api.on("GET /v1/mservices", 200, "{\"mservices\": []}");

        MagnumCli.builder().environment(Map.of("MAGNUM_URL", api.url(), "OS_TOKEN", "from-env")).build()
                .run("service-list");

        assertThat(api.last("GET").token()).isEqualTo("from-env");
    }

    @Test
    void helpForTheProgramAndForACommand()
    {
        FakeApi.Run all = api.run("help");
        FakeApi.Run none = api.run();
        FakeApi.Run option = api.run("--help");
        FakeApi.Run one = api.run("help", "bay-create");
        FakeApi.Run flag = api.run("bay-create", "--help");

        assertThat(all.status()).isZero();
        assertThat(all.out()).startsWith("Usage: magnum ").contains("  baymodel-create     Create a baymodel.\n")
                .contains("  coe-service-update  Update information about the given coe service.\n")
                .contains("  help                Display help about this program or one of its subcommands.\n");
        assertThat(none.out()).isEqualTo(all.out());
        assertThat(option.out()).isEqualTo(all.out());
        assertThat(one.out()).startsWith("Usage: magnum bay-create ").contains("--baymodel=<baymodel>")
                .contains("--node-count=<node-count>").contains("The bay node count (default: 1).")
                .contains("--wait");
        assertThat(flag.out()).isEqualTo(one.out());
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void helpOfAnUnknownCommand()
    {
        FakeApi.Run run = api.run("help", "bay-frob");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("ERROR: 'bay-frob' is not a valid subcommand\n");
    }

    @Test
    void anUnknownCommandSuggestsOnesThatLookAlike()
    {
        FakeApi.Run run = api.run("bay-lst");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: 'bay-lst' is not a valid subcommand; did you mean bay-list")
                .endsWith("See \"magnum help\" for the commands.\n");
    }

    @Test
    void bashCompletionListsCommandsAndOptions()
    {
        FakeApi.Run run = api.run("bash-completion");

        assertThat(run.status()).isZero();
        assertThat(run.out().strip().split(" ")).contains("baymodel-create", "bay-list", "ca-sign", "coe-service-list",
                "container-unpause", "help", "--image-id", "--node-count", "--manifest", "--csr", "--wait", "--help")
                .doesNotContain("bash-completion");
    }
}
