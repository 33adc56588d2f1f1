package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code magnum} command of python-magnumclient (Debian's python3-magnumclient, installed here with
 * apt-get when missing) against the server: cluster templates and clusters created, listed, shown, updated and
 * deleted, the CA shown, a CSR signed, the services listed. It runs as {@code magnum --os-token x
 * --os-endpoint-override http://127.0.0.1:PORT/v1 ...}, with no Keystone.
 */
@Tag("integration")
class MagnumClientIT
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ApiFixture api;
    private static String magnum;
    private static Path work;

    @BeforeAll
    static void start() throws Exception
    {
        magnum = MagnumCommand.locate();
        api = new ApiFixture();
        work = Files.createTempDirectory("magnum-client-it");
    }

    @AfterAll
    static void stop() throws IOException
    {
        if (api != null) {
            api.close();
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs {@code magnum} with the token and endpoint, and gives its exit code and output. */
    private static Result run(String... args) throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(magnum, "--os-token", "x", "--os-endpoint-override",
                api.url("/v1")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        // nothing from this machine's own OpenStack settings may steer the client
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_"));
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("magnum " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output)
    {
        Result ok()
        {
            assertThat(exit).as(output).isZero();
            assertThat(output).as(output).doesNotContain("ERROR");
            return this;
        }

        /** Asserts a row of the client's table: {@code | key | value |}. */
        Result row(String key, String value)
        {
            assertThat(output).as(output).containsPattern("\\|\\s*" + java.util.regex.Pattern.quote(key)
                    + "\\s*\\|\\s*" + java.util.regex.Pattern.quote(value) + "\\s*\\|");
            return this;
        }
    }

    private static JsonNode awaitCluster(String name, String status)
    {
        return api.await("/v1/clusters/" + name, c -> c.path("status").asText().equals(status), WAIT);
    }

    @Test
    void theMagnumClientWorksAgainstTheServer() throws Exception
    {
        run("cluster-template-create", "k8s-it", "--image", "fedora-21-atomic-5", "--keypair", "testkey",
                "--external-network", "public", "--flavor", "m1.small", "--network-driver", "flannel",
                "--coe", "kubernetes", "--docker-volume-size", "5", "--labels", "kube_tag=v1.0").ok()
                .row("name", "k8s-it").row("cluster_distro", "fedora-atomic").row("docker_volume_size", "5")
                .row("docker_storage_driver", "devicemapper");
        assertThat(run("cluster-template-list").ok().output()).contains("k8s-it");
        run("cluster-template-show", "k8s-it").ok().row("coe", "kubernetes").row("keypair_id", "testkey");
        run("cluster-template-update", "k8s-it", "replace", "docker_volume_size=10").ok()
                .row("docker_volume_size", "10");
        run("cluster-template-update", "k8s-it", "replace", "labels=kube_tag=v1.1,flannel_backend=vxlan").ok();
        assertThat(api.get("/v1/clustertemplates/k8s-it").json().path("labels").path("flannel_backend").asText())
                .isEqualTo("vxlan");

        assertThat(run("cluster-create", "k8s-cluster", "--cluster-template", "k8s-it", "--node-count", "1").ok()
                .output()).contains("Request to create cluster").contains("has been accepted");
        String uuid = awaitCluster("k8s-cluster", "CREATE_COMPLETE").path("uuid").asText();
        assertThat(run("cluster-list").ok().output()).containsPattern(uuid + "\\s*\\|\\s*k8s-cluster\\s*\\|\\s*testkey"
                + "\\s*\\|\\s*1\\s*\\|\\s*1\\s*\\|\\s*CREATE_COMPLETE");
        run("cluster-show", "k8s-cluster").ok().row("status", "CREATE_COMPLETE").row("uuid", uuid)
                .row("create_timeout", "60").row("keypair", "testkey");

        assertThat(run("cluster-update", "k8s-cluster", "replace", "node_count=2").ok().output())
                .contains("Request to update cluster k8s-cluster has been accepted");
        assertThat(awaitCluster("k8s-cluster", "UPDATE_COMPLETE").path("node_count").asInt()).isEqualTo(2);

        String ca = api.magnum.certificates().ca(uuid).pem();
        assertThat(run("ca-show", "k8s-cluster").ok().output()).contains(ca.strip());
        Path csr = work.resolve("client.csr");
        Files.writeString(csr, Csrs.csr("CN=magnum-client"));
        String signed = run("ca-sign", "--cluster", "k8s-cluster", "--csr", csr.toString()).ok().output();
        String pem = signed.substring(signed.indexOf("-----BEGIN CERTIFICATE-----"));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=magnum-client");
        // (not ca-rotate: with --os-token and an endpoint the client reads any PATCH answer that has a body as a
        // resource and fails, against real Magnum's 202 {"uuid": ...} too; CertificateApiTest rotates over HTTP)

        assertThat(run("service-list").ok().output()).containsPattern("magnum-conductor\\s*\\|\\s*up");
        run("stats-list").ok().row("clusters", "1").row("nodes", "3");

        Result missing = run("cluster-template-show", "no-such-template");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("no-such-template could not be found").contains("HTTP 404");

        assertThat(run("cluster-delete", "k8s-cluster").ok().output())
                .contains("Request to delete cluster k8s-cluster has been accepted");
        api.await("/v1/clusters", list -> list.path("clusters").isEmpty(), WAIT);
        assertThat(run("cluster-template-delete", "k8s-it").ok().output())
                .contains("Request to delete cluster template k8s-it has been accepted");
        assertThat(api.get("/v1/clustertemplates/k8s-it").status()).isEqualTo(404);
    }

    @Test
    void theMagnumClientSetsQuotas() throws Exception
    {
        run("quotas-create", "--project-id", "it-project", "--resource", "Cluster", "--hard-limit", "3").ok()
                .row("project_id", "it-project").row("resource", "Cluster").row("hard_limit", "3");
        run("quotas-show", "--project-id", "it-project", "--resource", "Cluster").ok().row("hard_limit", "3");
        run("quotas-update", "--project-id", "it-project", "--resource", "Cluster", "--hard-limit", "5").ok()
                .row("hard_limit", "5");
        assertThat(run("quotas-list", "--all-tenants").ok().output())
                .containsPattern("it-project\\s*\\|\\s*Cluster\\s*\\|\\s*5");
        assertThat(run("quotas-delete", "--project-id", "it-project", "--resource", "Cluster").ok().output())
                .contains("Request to delete quota for project id it-project and resource Cluster has been accepted");
        run("quotas-show", "--project-id", "it-project", "--resource", "Cluster").ok().row("hard_limit", "20");
    }
}
