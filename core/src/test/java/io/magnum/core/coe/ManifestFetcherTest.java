package io.magnum.core.coe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.magnum.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link ManifestFetcher} against a real HTTP server on 127.0.0.1. */
class ManifestFetcherTest
{
    private final ManifestFetcher fetcher = new ManifestFetcher();
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pod.yaml", exchange -> {
            byte[] body = "kind: Pod\napiVersion: v1\nmetadata: {name: é}\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/pod.yaml");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            // chunked: no Content-Length to go by, the reader must stop itself
            exchange.sendResponseHeaders(200, 0);
            byte[] line = new byte[64 * 1024];
            Arrays.fill(line, (byte) 'x');
            for (int i = 0; i < 20; i++) {
                exchange.getResponseBody().write(line);
            }
            exchange.close();
        });
        server.createContext("/latin1", exchange -> {
            byte[] body = {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xe9};
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    @Test
    void readsAManifestAndFollowsRedirects()
    {
        assertThat(fetcher.fetch(base + "/pod.yaml")).isEqualTo("kind: Pod\napiVersion: v1\nmetadata: {name: é}\n");
        assertThat(fetcher.fetch(base + "/moved")).startsWith("kind: Pod");
    }

    @Test
    void refusesWhatItCannotOrMustNotRead() throws IOException
    {
        assertThat(refusal(base + "/huge")).contains("larger than 1048576 bytes");
        assertThat(refusal(base + "/latin1")).contains("not UTF-8");
        assertThat(refusal(base + "/broken")).contains("HTTP 500");
        assertThat(refusal(base + "/nothing-here")).contains("HTTP 404");
        assertThat(refusal("file:///etc/passwd")).contains("http or https");
        assertThat(refusal("ftp://127.0.0.1/pod.yaml")).contains("http or https");
        assertThat(refusal("http:pod.yaml")).contains("http or https");
        assertThat(refusal("http://[::1")).contains("is not a URL");
        assertThat(refusal(" ")).contains("required");
        assertThat(refusal(null)).contains("required");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(refusal("http://127.0.0.1:" + closed + "/pod.yaml")).contains("ConnectException");
    }

    private String refusal(String url)
    {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> fetcher.fetch(url));
        assertThat(e).as("refused: %s", url).isNotNull();
        assertThat(e.getMessage()).contains("manifest_url");
        return e.getMessage();
    }
}
