package io.magnum.cli;

import io.magnum.Magnum;
import io.magnum.api.MagnumApiServer;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's walkthrough (section 4) typed into {@code bin/magnum}, run as a process as a user runs it, against the
 * real API server over a facade on LocalCloud: its tables are checked the way a reader of the seed would read them.
 * The jar {@code bin/magnum} runs is shaded in the package phase, before this runs.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class MagnumCliIT
{
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path directory;

    private static Magnum magnum;
    private static MagnumApiServer server;

    /** What one {@code bin/magnum} run printed. */
    record Run(int status, String out, String err)
    {
    }

    @BeforeAll
    static void start() throws IOException
    {
        Path jar = Path.of(System.getProperty("magnum.cli.jar", "target/magnum-cli.jar"));
        assertThat(jar).as("the jar bin/magnum runs (shaded in the package phase)").isRegularFile();
        magnum = Magnum.builder().cloud(LocalCloud.create()).syncInterval(Duration.ofMillis(50)).build();
        server = MagnumApiServer.builder(magnum).port(0).start();
        for (String manifest : List.of("redis-master.yaml", "redis-sentinel-service.yaml", "redis-controller.yaml",
                "redis-sentinel-controller.yaml")) {
            try (InputStream in = MagnumCliIT.class.getResourceAsStream("/redis/" + manifest)) {
                Files.copy(in, directory.resolve(manifest));
            }
        }
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.close();
        }
        if (magnum != null) {
            magnum.close();
        }
    }

    @Test
    @Order(1)
    void creatingAKubernetesBay()
    {
        // the seed's baymodel-create, as typed
        Run created = magnum("baymodel-create", "--name", "k8sbaymodel", "--image-id", "fedora-21-atomic-5",
                "--keypair-id", "testkey", "--external-network-id", "public", "--dns-nameserver", "8.8.8.8",
                "--flavor-id", "m1.small", "--docker-volume-size", "5", "--network-driver", "flannel",
                "--coe", "kubernetes");
        Map<String, String> model = show(created);
        assertThat(model).containsEntry("name", "k8sbaymodel").containsEntry("image_id", "fedora-21-atomic-5")
                .containsEntry("keypair_id", "testkey").containsEntry("external_network_id", "public")
                .containsEntry("dns_nameserver", "8.8.8.8").containsEntry("flavor_id", "m1.small")
                .containsEntry("docker_volume_size", "5").containsEntry("network_driver", "flannel")
                .containsEntry("coe", "kubernetes").containsEntry("cluster_distro", "fedora-atomic")
                .containsEntry("public", "False").doesNotContainKey("links");
        assertThat(model.get("uuid")).matches(UUID);

        List<Map<String, String>> models = list(magnum("baymodel-list"), "uuid", "name");
        assertThat(models).containsExactly(Map.of("uuid", model.get("uuid"), "name", "k8sbaymodel"));
        assertThat(show(magnum("baymodel-show", "k8sbaymodel"))).isEqualTo(model);
        assertThat(show(magnum("baymodel-update", "k8sbaymodel", "replace", "docker_volume_size=10")))
                .containsEntry("docker_volume_size", "10");

        // bay-create returns at once, the bay in progress
        Map<String, String> bay = show(magnum("bay-create", "--name", "k8sbay", "--baymodel", "k8sbaymodel",
                "--node-count", "1"));
        assertThat(bay).containsEntry("name", "k8sbay").containsEntry("baymodel_id", model.get("uuid"))
                .containsEntry("node_count", "1").containsEntry("master_count", "1")
                .containsEntry("bay_create_timeout", "0").containsEntry("status", "CREATE_IN_PROGRESS");

        List<Map<String, String>> listed = list(magnum("bay-list"), "uuid", "name", "node_count", "master_count",
                "status");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("uuid", bay.get("uuid")).containsEntry("name", "k8sbay")
                .containsEntry("node_count", "1");
        assertThat(listed.get(0).get("status")).isIn("CREATE_IN_PROGRESS", "CREATE_COMPLETE");

        // as the seed says: come back once Magnum has made it CREATE_COMPLETE
        settled("k8sbay");
        assertThat(list(magnum("bay-list"), "uuid", "name", "node_count", "master_count", "status"))
                .containsExactly(Map.of("uuid", bay.get("uuid"), "name", "k8sbay", "node_count", "1",
                        "master_count", "1", "status", "CREATE_COMPLETE"));

        Map<String, String> shown = show(magnum("bay-show", "k8sbay"));
        // every property of the seed's bay-show table is there
        assertThat(shown).containsKeys("status", "uuid", "status_reason", "created_at", "updated_at",
                "bay_create_timeout", "api_address", "baymodel_id", "node_count", "node_addresses", "master_count",
                "discovery_url", "name");
        assertThat(shown).containsEntry("status", "CREATE_COMPLETE")
                .containsEntry("status_reason", "Stack CREATE completed successfully")
                .containsEntry("node_count", "1").containsEntry("master_count", "1");
        assertThat(shown.get("node_addresses")).matches("\\['[0-9.]+'\\]");
        assertThat(shown.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(shown.get("discovery_url")).startsWith("https://discovery.etcd.io/");

        // the seed's bay-update, as typed
        Map<String, String> updating = show(magnum("bay-update", "k8sbay", "replace", "node_count=2"));
        assertThat(updating).containsEntry("node_count", "2").containsEntry("status", "UPDATE_IN_PROGRESS");
        settled("k8sbay");
        Map<String, String> scaled = show(magnum("bay-show", "k8sbay"));
        assertThat(scaled).containsEntry("status", "UPDATE_COMPLETE").containsEntry("node_count", "2");
        assertThat(scaled.get("node_addresses")).matches("\\['[0-9.]+', '[0-9.]+'\\]");
    }

    @Test
    @Order(2)
    void certificatesAndServices() throws Exception
    {
        Run ca = magnum("ca-show", "--bay", "k8sbay");
        assertThat(ca.out()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        X509Certificate authority = certificate(ca.out());

        // openssl req -new -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=admin
        Files.writeString(directory.resolve("client.csr"), freshCsr("admin"));
        Run signed = magnum("ca-sign", "--bay", "k8sbay", "--csr", "client.csr");
        X509Certificate client = certificate(signed.out());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=admin");
        assertThat(client.getIssuerX500Principal()).isEqualTo(authority.getSubjectX500Principal());
        client.verify(authority.getPublicKey());

        List<Map<String, String>> services = list(magnum("service-list"), "id", "host", "binary", "state");
        assertThat(services).isNotEmpty();
        assertThat(services).anySatisfy(service -> assertThat(service).containsEntry("binary", "magnum-conductor")
                .containsEntry("state", "up"));
    }

    /** The seed's section 4.2 on the bay, over the API's {@code /v1/pods}, {@code /v1/services} and {@code /v1/rcs}. */
    @Test
    @Order(3)
    void usingTheKubernetesBay() throws Exception
    {
        Map<String, String> pod = show(magnum("pod-create", "--manifest", "./redis-master.yaml", "--bay", "k8sbay"));
        assertThat(pod).containsEntry("name", "redis-master");
        Map<String, String> service = show(magnum("coe-service-create", "--manifest",
                "./redis-sentinel-service.yaml", "--bay", "k8sbay"));
        assertThat(service).containsEntry("name", "redis-sentinel");

        // the seed's sed, as typed: two replicas
        sed("redis-controller.yaml");
        Map<String, String> rc = show(magnum("rc-create", "--manifest", "./redis-controller.yaml", "--bay",
                "k8sbay"));
        assertThat(rc).containsEntry("name", "redis").containsEntry("replicas", "2");
        sed("redis-sentinel-controller.yaml");
        Map<String, String> sentinels = show(magnum("rc-create", "--manifest", "./redis-sentinel-controller.yaml",
                "--bay", "k8sbay"));
        assertThat(sentinels).containsEntry("name", "redis-sentinel").containsEntry("replicas", "2");

        // the controllers' pods: redis adopted redis-master (its selector matches) and made one more; the sentinels two
        assertThat(list(magnum("pod-list", "--bay", "k8sbay"), "uuid", "name"))
                .extracting(row -> row.get("name")).hasSize(4).contains("redis-master")
                .filteredOn(name -> name.matches("redis-sentinel-[a-z0-9]{5}")).hasSize(2);
        assertThat(list(magnum("coe-service-list", "--bay", "k8sbay"), "uuid", "name", "bay_uuid"))
                .extracting(row -> row.get("name")).containsExactly("redis-sentinel");
        assertThat(list(magnum("rc-list", "--bay", "k8sbay"), "uuid", "name", "bay_uuid"))
                .extracting(row -> row.get("name")).containsExactlyInAnyOrder("redis", "redis-sentinel");
        assertThat(show(magnum("rc-show", "redis", "--bay", "k8sbay"))).containsEntry("replicas", "2");
        assertThat(show(magnum("pod-show", "redis-master", "--bay", "k8sbay"))).containsEntry("name", "redis-master");

        // pod-update with a new manifest file, rc-update likewise (back to one replica)
        Files.writeString(directory.resolve("redis-master-db.yaml"), Files.readString(directory.resolve(
                "redis-master.yaml")).replace("    name: redis\n", "    name: redis\n    tier: db\n"));
        Map<String, String> updated = show(magnum("pod-update", "redis-master", "--bay", "k8sbay", "replace",
                "manifest=./redis-master-db.yaml"));
        assertThat(updated).containsEntry("name", "redis-master");
        assertThat(updated.get("labels")).contains("'tier': 'db'");
        Files.writeString(directory.resolve("redis-one.yaml"), Files.readString(directory.resolve(
                "redis-controller.yaml")).replace("replicas:  2", "replicas: 1"));
        assertThat(show(magnum("rc-update", "redis", "--bay", "k8sbay", "replace", "manifest=./redis-one.yaml")))
                .containsEntry("replicas", "1");

        Run deleted = magnum("pod-delete", "redis-master", "--bay", "k8sbay");
        assertThat(deleted.out()).isEqualTo("Request to delete pod redis-master has been accepted.\n");
        Run missing = run(List.of("pod-show", "redis-master", "--bay", "k8sbay"), 1);
        assertThat(missing.err()).matches("ERROR: .*redis-master.* \\(HTTP 404\\)\n");
        assertThat(magnum("rc-delete", "redis", "redis-sentinel", "--bay", "k8sbay").out())
                .isEqualTo("Request to delete rc redis has been accepted.\n"
                        + "Request to delete rc redis-sentinel has been accepted.\n");
        assertThat(magnum("coe-service-delete", "redis-sentinel", "--bay", "k8sbay").out())
                .isEqualTo("Request to delete service redis-sentinel has been accepted.\n");
        assertThat(list(magnum("rc-list", "--bay", "k8sbay"), "uuid", "name", "bay_uuid")).isEmpty();
        assertThat(list(magnum("pod-list", "--bay", "k8sbay"), "uuid", "name")).as("deleted with their controllers")
                .isEmpty();
    }

    /** The container commands on a Mesos bay, whose containers are apps of LocalCloud's Marathon stand-in. */
    @Test
    @Order(4)
    void containersOnAMesosBay() throws Exception
    {
        magnum("baymodel-create", "--name", "mesosbaymodel", "--image-id", "ubuntu-mesos", "--keypair-id", "testkey",
                "--external-network-id", "public", "--dns-nameserver", "8.8.8.8", "--flavor-id", "m1.medium",
                "--coe", "mesos");
        Map<String, String> bay = show(magnum("bay-create", "--name", "mesosbay", "--baymodel", "mesosbaymodel",
                "--node-count", "1", "--wait"));
        assertThat(bay).containsEntry("status", "CREATE_COMPLETE");

        // with a local Docker engine the app really runs: an image this machine has (no registry is reachable)
        Map<String, String> web = show(magnum("container-create", "--name", "web", "--image", "local/busybox:latest",
                "--bay", "mesosbay", "--command", "sleep 3600", "--memory", "128m"));
        assertThat(web).containsEntry("name", "web").containsEntry("image", "local/busybox:latest")
                .containsEntry("bay_uuid", bay.get("uuid")).containsEntry("memory", "128m")
                .containsEntry("command", "sleep 3600").doesNotContainKey("links");
        assertThat(web.get("uuid")).matches(UUID);
        containerStatus("web", "Running");

        List<Map<String, String>> listed = list(magnum("container-list", "--bay", "mesosbay"), "uuid", "name",
                "status", "bay_uuid");
        assertThat(listed).containsExactly(Map.of("uuid", web.get("uuid"), "name", "web", "status", "Running",
                "bay_uuid", bay.get("uuid")));

        assertThat(magnum("container-stop", "web").out()).isEmpty();
        containerStatus("web", "Stopped");
        assertThat(magnum("container-start", "web").out()).isEmpty();
        containerStatus("web", "Running");
        // Marathon cannot pause: one line, exit 1
        Run paused = run(List.of("container-pause", "web"), 1);
        assertThat(paused.err()).startsWith("Pause for container web failed: ").contains("(HTTP 400)")
                .doesNotContain("Exception");

        assertThat(magnum("container-delete", "web").out())
                .isEqualTo("Request to delete container web has been accepted.\n");
        assertThat(list(magnum("container-list"), "uuid", "name", "status", "bay_uuid")).isEmpty();
        magnum("bay-delete", "mesosbay", "--wait");
        magnum("baymodel-delete", "mesosbaymodel");
    }

    private static void containerStatus(String container, String status) throws InterruptedException
    {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = show(magnum("container-show", container)).get("status");
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container " + container + " stayed " + last + ", not " + status);
    }

    @Test
    @Order(5)
    void waitingForBaysToBeMadeAndDeleted()
    {
        Run created = magnum("bay-create", "--name", "k8sbay2", "--baymodel", "k8sbaymodel", "--wait");
        assertThat(show(created)).containsEntry("name", "k8sbay2").containsEntry("status", "CREATE_COMPLETE");
        // not a terminal: status lines, no bar
        assertThat(created.err()).containsPattern("bay k8sbay2: CREATE_COMPLETE \\(\\d+:\\d\\d\\)\n$")
                .doesNotContain("\r");

        Run deleted = magnum("bay-delete", "k8sbay", "k8sbay2", "--wait");
        assertThat(deleted.out()).isEqualTo("Request to delete bay k8sbay has been accepted.\n"
                + "Request to delete bay k8sbay2 has been accepted.\n");
        assertThat(deleted.err()).containsPattern("bay k8sbay: deleted \\(\\d+:\\d\\d\\)\n")
                .containsPattern("bay k8sbay2: deleted \\(\\d+:\\d\\d\\)\n$").doesNotContain("\r");
        assertThat(list(magnum("bay-list"), "uuid", "name", "node_count", "master_count", "status")).isEmpty();
        assertThat(magnum.bays().list()).isEmpty();

        assertThat(magnum("baymodel-delete", "k8sbaymodel").out())
                .isEqualTo("Request to delete baymodel k8sbaymodel has been accepted.\n");
        assertThat(list(magnum("baymodel-list"), "uuid", "name")).isEmpty();
    }

    @Test
    @Order(6)
    void failuresAreOneLineAndExitNonZero() throws IOException
    {
        Run missing = run(List.of("bay-show", "k8sbay"), 1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).matches("ERROR: .*k8sbay.* \\(HTTP 404\\)\n");

        // Kubernetes bays know flannel only: Magnum refuses the baymodel and says why
        Run refused = run(List.of("baymodel-create", "--name", "calicobaymodel", "--image-id", "fedora-21-atomic-5",
                "--keypair-id", "testkey", "--external-network-id", "public", "--network-driver", "calico",
                "--coe", "kubernetes"), 1);
        assertThat(refused.err()).matches("ERROR: .*calico.* \\(HTTP 400\\)\n");

        Run usage = run(List.of("bay-create", "--name", "x"), 2);
        assertThat(usage.err()).contains("--baymodel").contains("magnum help bay-create");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run unreachable = run(List.of("--magnum-url", "http://127.0.0.1:" + port, "bay-list"), 1);
        assertThat(unreachable.err()).contains("cannot reach the Magnum API").contains("bin/magnum-server")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Runs {@code bin/magnum} and expects it to succeed. */
    private static Run magnum(String... args)
    {
        return run(List.of(args), 0);
    }

    private static Run run(List<String> args, int expected)
    {
        List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("MAGNUM_URL", server.uri().toString());
        builder.environment().put("MAGNUM_WAIT_INTERVAL", "0.1");
        builder.environment().remove("OS_TOKEN");
        try {
            Path out = Files.createTempFile(directory, "out", ".txt");
            Path err = Files.createTempFile(directory, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("bin/magnum " + args + " did not finish in 2 minutes");
            }
            Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            assertThat(run.status()).as("exit status of bin/magnum %s; stdout:%n%s%nstderr:%n%s", String.join(" ",
                    args), run.out(), run.err()).isEqualTo(expected);
            if (expected == 0) {
                assertThat(run.err()).as("stderr of bin/magnum %s", args).doesNotContain("ERROR");
            }
            return run;
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path launcher()
    {
        return Path.of(System.getProperty("magnum.cli.launcher", "../bin/magnum")).toAbsolutePath().normalize();
    }

    private static void settled(String bay)
    {
        Bay stable = magnum.bays().awaitStable(bay, SETTLE);
        assertThat(stable.status().name()).endsWith("_COMPLETE");
    }

    /** The seed's {@code sed -i 's/\(replicas: \)1/\1 2/' <file>}, run as typed. */
    private static void sed(String file) throws IOException, InterruptedException
    {
        Process sed = new ProcessBuilder("sed", "-i", "s/\\(replicas: \\)1/\\1 2/", file)
                .directory(directory.toFile()).inheritIO().start();
        assertThat(sed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sed.exitValue()).isZero();
        assertThat(Files.readString(directory.resolve(file))).contains("replicas:  2");
    }

    /**
     * Reads a show table ({@code Property | Value}) after checking its frame: rules where prettytable draws them,
     * every line as wide as the rules.
     */
    static Map<String, String> show(Run run)
    {
        List<Map<String, String>> rows = table(run.out(), List.of("Property", "Value"));
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            assertThat(properties.put(row.get("Property"), row.get("Value"))).as("property %s twice",
                    row.get("Property")).isNull();
        }
        return properties;
    }

    /** Reads a list table after checking its frame and its headers. */
    static List<Map<String, String>> list(Run run, String... columns)
    {
        return table(run.out(), List.of(columns));
    }

    private static List<Map<String, String>> table(String text, List<String> headers)
    {
        List<String> lines = List.of(text.split("\n"));
        assertThat(lines.size()).as("a table:%n%s", text).isGreaterThanOrEqualTo(4);
        String rule = lines.get(0);
        assertThat(rule).matches("\\+(-+\\+)+");
        assertThat(lines.get(2)).isEqualTo(rule);
        assertThat(lines.get(lines.size() - 1)).isEqualTo(rule);
        for (String line : lines) {
            assertThat(line).as("every line of%n%s", text).hasSameSizeAs(rule);
        }
        assertThat(cells(lines.get(1))).isEqualTo(headers);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size() - 1)) {
            List<String> cells = cells(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                row.put(headers.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> cells(String line)
    {
        assertThat(line).startsWith("| ").endsWith(" |");
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(2, line.length() - 2).split(" \\| ", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static X509Certificate certificate(String pem) throws Exception
    {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** What {@code openssl req -new -newkey rsa:2048 -nodes -subj /CN=<cn>} writes: a fresh key's request. */
    private static String freshCsr(String commonName) throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(request);
        }
        return text.toString();
    }
}
