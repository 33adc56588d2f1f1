package io.magnum.local.coe.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static java.util.Objects.requireNonNull;

/**
 * This machine's Docker engine, reached through its unix socket (or a plain {@code tcp://} address), as LocalCloud's
 * Swarm fronts ({@link DockerHost}) and the Marathon stand-in's tasks need it: raw connections to relay, and
 * one-shot HTTP/1.0 requests with JSON bodies, so no HTTP client and no docker-java are needed. The engine answers
 * an HTTP/1.0 request without chunks and closes the connection. It never pulls an image.
 *
 * <p>Thread-safe: it keeps no connection.
 */
public final class DockerEngine
{
    /** Docker's default socket. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final int MAX_ANSWER = 16 << 20;

    private final ObjectMapper json = new ObjectMapper();
    private final String address;
    private final SocketAddress socket;

    /**
     * An answer of the engine.
     *
     * @param status the HTTP status
     * @param body   the body as JSON, or a missing node when it is not JSON
     * @param text   the body as text
     */
    public record Answer(int status, JsonNode body, String text)
    {
        /** @return whether the status is 2xx */
        public boolean ok()
        {
            return status / 100 == 2;
        }

        /** @return the engine's {@code message}, or the body's text */
        public String message()
        {
            String message = body.path("message").asText("");
            return message.isEmpty() ? text.strip() : message;
        }
    }

    /**
     * @param dockerHost {@code unix:///path} or {@code tcp://host:port} (plain; a TLS engine is not supported here)
     * @throws IllegalArgumentException for another form
     */
    public DockerEngine(String dockerHost)
    {
        this.address = requireNonNull(dockerHost, "dockerHost is null").strip();
        URI uri = URI.create(address);
        if ("unix".equals(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty()) {
            socket = UnixDomainSocketAddress.of(Path.of(uri.getPath()));
        }
        else if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
            socket = new InetSocketAddress(uri.getHost(), uri.getPort());
        }
        else {
            throw new IllegalArgumentException("the local Docker engine must be unix:///path or tcp://host:port, not "
                    + dockerHost);
        }
    }

    /** @return {@code DOCKER_HOST} when it is {@code unix://} or {@code tcp://}, else the default socket */
    public static String defaultHost()
    {
        String env = System.getenv("DOCKER_HOST");
        if (env != null && (env.startsWith("unix://") || env.startsWith("tcp://"))) {
            return env;
        }
        return DEFAULT_HOST;
    }

    /** @return the engine's address, such as {@code unix:///var/run/docker.sock} */
    public String address()
    {
        return address;
    }

    /** @return the mapper the bodies are made with */
    public ObjectMapper json()
    {
        return json;
    }

    /**
     * @return a new blocking connection to the engine
     * @throws IOException when it does not answer
     */
    SocketChannel connect() throws IOException
    {
        SocketChannel channel = socket instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            channel.connect(socket);
            return channel;
        }
        catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * @throws IOException unless {@code GET /_ping} answers 200
     */
    public void ping() throws IOException
    {
        Answer answer = call("GET", "/_ping", null);
        if (answer.status() != 200) {
            throw new IOException("GET /_ping answered " + answer.status());
        }
    }

    /**
     * @param label {@code key=value}
     * @return the ids of the containers (running or not) with that label
     * @throws IOException when the engine fails
     */
    public List<String> containersLabelled(String label) throws IOException
    {
        String filters = "{\"label\":[\"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}";
        Answer answer = call("GET", "/containers/json?all=1&filters="
                + URLEncoder.encode(filters, StandardCharsets.UTF_8), null);
        if (answer.status() != 200) {
            throw new IOException("listing containers answered " + answer.status());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode container : answer.body()) {
            String id = container.path("Id").asText("");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Removes a container, killing it if it runs; one already gone is fine.
     *
     * @param id the container
     * @throws IOException when the engine fails
     */
    public void removeContainer(String id) throws IOException
    {
        int status = call("DELETE", "/containers/" + id + "?force=1&v=1", null).status();
        if (status != 204 && status != 404) {
            throw new IOException("removing container " + id + " answered " + status);
        }
    }

    /**
     * One request.
     *
     * @param method the HTTP method
     * @param path   the path and query, encoded
     * @param body   a JSON body, or null
     * @return the answer, whatever its status
     * @throws IOException when the engine cannot be reached or does not answer HTTP
     */
    public Answer call(String method, String path, JsonNode body) throws IOException
    {
        byte[] content = body == null ? new byte[0] : json.writeValueAsBytes(body);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\nHost: docker\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (body != null || method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] response;
        try (SocketChannel channel = connect()) {
            write(channel, head.toString().getBytes(StandardCharsets.US_ASCII));
            write(channel, content);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (channel.read(in) >= 0) {
                in.flip();
                all.write(in.array(), 0, in.limit());
                in.clear();
                if (all.size() > MAX_ANSWER) {
                    throw new IOException("the engine's answer to " + method + " " + path + " is too large");
                }
            }
            response = all.toByteArray();
        }
        String text = new String(response, StandardCharsets.UTF_8);
        Matcher m = STATUS.matcher(text);
        if (!m.find()) {
            throw new IOException("not an HTTP answer to " + method + " " + path + ": "
                    + text.lines().findFirst().orElse("<empty>"));
        }
        int split = text.indexOf("\r\n\r\n");
        String payload = split < 0 ? "" : text.substring(split + 4);
        JsonNode parsed;
        try {
            parsed = payload.isBlank() ? json.missingNode() : json.readTree(payload);
        }
        catch (JsonProcessingException e) {
            parsed = json.missingNode();
        }
        return new Answer(Integer.parseInt(m.group(1)), parsed == null ? json.missingNode() : parsed, payload);
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException
    {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }
}
