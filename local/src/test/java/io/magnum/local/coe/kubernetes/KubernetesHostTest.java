package io.magnum.local.coe.kubernetes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.magnum.local.coe.LocalCoeHosting;
import io.magnum.local.testing.TestPki;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.tls.PemTls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesHostTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("10.0.0.3", "10.0.0.4");
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
             "spec":{"containers":[{"name":"c","image":"busybox"}]}}""";

    private static TestPki pki;
    private static TestPki.Ca ca;
    private static TestPki.Ca otherCa;

    private final KubernetesHost host = new KubernetesHost();

    @BeforeAll
    static void certificates()
    {
        pki = TestPki.ec();
        ca = pki.ca("bay-ca");
        otherCa = pki.ca("other-bay-ca");
    }

    @AfterEach
    void close()
    {
        host.close();
    }

    @Test
    void isFoundByServiceLoader()
    {
        try (LocalCoeHosting hosting = LocalCoeHosting.discover()) {
            assertThat(hosting.coes()).contains("kubernetes");
        }
        assertThat(host.coe()).isEqualTo("kubernetes");
    }

    @Test
    void servesPlainHttpWithoutTlsAndSchedulesPodsOnTheNodes() throws Exception
    {
        String address = host.start(bay("b1", "http://172.24.4.3:8080", Optional.empty()));
        assertThat(address).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpClient http = HttpClient.newHttpClient();

        JsonNode nodes = json(send(http, address, "GET", "/api/v1/nodes", null), 200);
        assertThat(nodes.path("items")).extracting(n -> n.path("metadata").path("name").asText())
                .containsExactlyElementsOf(NODES);
        assertThat(nodes.path("items").get(0).path("status").path("addresses").get(0).path("address").asText())
                .isEqualTo("10.0.0.3");
        assertThat(nodes.path("items").get(0).path("status").path("conditions").get(0).path("status").asText())
                .isEqualTo("True");

        JsonNode first = json(send(http, address, "POST", "/api/v1/namespaces/default/pods", POD.formatted("a")), 201);
        JsonNode second = json(send(http, address, "POST", "/api/v1/namespaces/default/pods", POD.formatted("b")), 201);
        assertThat(first.path("spec").path("nodeName").asText()).isEqualTo("10.0.0.3");
        assertThat(second.path("spec").path("nodeName").asText()).isEqualTo("10.0.0.4");
        assertThat(first.path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(first.path("metadata").path("uid").asText()).isNotEmpty();

        // a replace without the node keeps it, as the apiserver would
        JsonNode replaced = json(send(http, address, "PUT", "/api/v1/namespaces/default/pods/a", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"x":"y"}},
                 "spec":{"containers":[{"name":"c","image":"busybox:2"}]}}"""), 200);
        assertThat(replaced.path("spec").path("nodeName").asText()).isEqualTo("10.0.0.3");
        assertThat(replaced.path("status").path("phase").asText()).isEqualTo("Running");
        assertThat(replaced.path("metadata").path("labels").path("x").asText()).isEqualTo("y");

        JsonNode service = json(send(http, address, "POST", "/api/v1/namespaces/default/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}"""), 201);
        assertThat(service.path("spec").path("clusterIP").asText()).startsWith("10.254.");

        // a JSON merge patch by RFC 7386: null removes
        JsonNode patched = json(send(http, address, "PATCH", "/api/v1/namespaces/default/pods/a",
                "{\"metadata\":{\"labels\":{\"x\":null,\"z\":\"1\"}}}", "application/merge-patch+json"), 202);
        assertThat(patched.path("metadata").path("labels").has("x")).isFalse();
        assertThat(patched.path("metadata").path("labels").path("z").asText()).isEqualTo("1");
        assertThat(patched.path("spec").path("nodeName").asText()).isEqualTo("10.0.0.3");

        json(send(http, address, "POST", "/api/v1/namespaces/default/pods", POD.formatted("a")), 409);
        assertThat(json(send(http, address, "GET", "/api/v1/namespaces/default/pods", null), 200).path("items"))
                .hasSize(2);
    }

    @Test
    void servesTlsToClientCertificatesOfTheBaysCa() throws Exception
    {
        String address = host.start(bay("b2", "https://172.24.4.3:6443", Optional.of(pki.server(ca))));
        assertThat(address).matches("https://127\\.0\\.0\\.1:\\d+");

        HttpClient http = client(Optional.of(pki.client(ca)), ca);
        assertThat(json(send(http, address, "GET", "/api/v1/nodes", null), 200).path("items")).hasSize(2);
        // several requests on the kept-alive connection, then a fresh connection
        for (int i = 0; i < 5; i++) {
            json(send(http, address, "POST", "/api/v1/namespaces/default/pods", POD.formatted("p" + i)), 201);
        }
        assertThat(json(send(client(Optional.of(pki.client(ca)), ca), address, "GET",
                "/api/v1/namespaces/default/pods", null), 200).path("items")).hasSize(5);
    }

    @Test
    void refusesAClientWithoutCertificate()
    {
        String address = host.start(bay("b3", "https://172.24.4.3:6443", Optional.of(pki.server(ca))));
        HttpClient http = client(Optional.empty(), ca);
        assertThatThrownBy(() -> send(http, address, "GET", "/api/v1/nodes", null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesAClientCertificateOfAnotherCa() throws Exception
    {
        String address = host.start(bay("b4", "https://172.24.4.3:6443", Optional.of(pki.server(ca))));
        HttpClient http = client(Optional.of(pki.client(ca, otherCa, "intruder")), ca);
        assertThatThrownBy(() -> send(http, address, "GET", "/api/v1/nodes", null))
                .isInstanceOf(IOException.class);
        // and the endpoint still serves its own clients afterwards
        assertThat(json(sendQuietly(client(Optional.of(pki.client(ca)), ca), address), 200).path("items"))
                .hasSize(2);
    }

    @Test
    void servesEachBayItsOwnObjects() throws Exception
    {
        String one = host.start(bay("b5", "http://x:8080", Optional.empty()));
        String two = host.start(bay("b6", "http://x:8080", Optional.empty()));
        HttpClient http = HttpClient.newHttpClient();
        json(send(http, one, "POST", "/api/v1/namespaces/default/pods", POD.formatted("only-in-one")), 201);
        assertThat(json(send(http, two, "GET", "/api/v1/namespaces/default/pods", null), 200).path("items"))
                .isEmpty();
        host.stop("b5");
        assertThat(json(send(http, two, "GET", "/api/v1/nodes", null), 200).path("items")).hasSize(2);
    }

    @Test
    void stopFreesThePortAndTheThreads() throws Exception
    {
        String address = host.start(bay("b7", "https://x:6443", Optional.of(pki.server(ca))));
        int port = URI.create(address).getPort();
        json(send(client(Optional.of(pki.client(ca)), ca), address, "GET", "/api/v1/nodes", null), 200);
        host.stop("b7");
        host.stop("b7"); // again: nothing happens
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(IOException.class);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (frontThreads(port) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(frontThreads(port)).isZero();
    }

    @Test
    void aTlsBayStartsItsApiServerOnFirstUse() throws Exception
    {
        long before = vertxAcceptors();
        String address = host.start(bay("b10", "https://x:6443", Optional.of(pki.server(ca))));
        assertThat(vertxAcceptors()).isLessThanOrEqualTo(before);
        json(send(client(Optional.of(pki.client(ca)), ca), address, "GET", "/api/v1/nodes", null), 200);
        assertThat(vertxAcceptors()).isPositive();
    }

    @Test
    void closeStopsEveryBay() throws Exception
    {
        String one = host.start(bay("b8", "http://x:8080", Optional.empty()));
        String two = host.start(bay("b9", "https://x:6443", Optional.of(pki.server(ca))));
        host.close();
        for (String address : List.of(one, two)) {
            int port = URI.create(address).getPort();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(IOException.class);
        }
    }

    private static long vertxAcceptors()
    {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vert.x-acceptor-thread")).count();
    }

    private static long frontThreads(int port)
    {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("magnum-k8s-tls-" + port)).count();
    }

    private static HostedBay bay(String uuid, String stackAddress, Optional<BayEndpoint.Tls> tls)
    {
        return new HostedBay(uuid, "kubernetes", stackAddress, NODES, tls);
    }

    private static HttpResponse<String> sendQuietly(HttpClient http, String address)
    {
        try {
            return send(http, address, "GET", "/api/v1/nodes", null);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(HttpClient http, String address, String method, String path,
            String body) throws IOException
    {
        return send(http, address, method, path, body, "application/json");
    }

    private static HttpResponse<String> send(HttpClient http, String address, String method, String path,
            String body, String contentType) throws IOException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** A JDK client trusting {@code ca}, presenting the certificate when there is one. */
    private static HttpClient client(Optional<BayEndpoint.Tls> certificate, TestPki.Ca ca)
    {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(certificate.map(PemTls::keyManagers).orElse(null), PemTls.trustManagers(ca.certificatePem()),
                    null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
