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

import static java.util.Objects.requireNonNull;

/**
 * The Docker engine of this machine, reached through its unix socket (or a plain {@code tcp://} address): raw
 * connections for the fronts, and the few API calls the host itself makes (ping, list and remove a bay's
 * containers) as one-shot HTTP/1.0 requests, so no HTTP client is needed.
 */
final class DockerEngine
{
    /** Docker's default socket. */
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern ID = Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f]{12,64})\"");

    private final String address;
    private final SocketAddress socket;

    /**
     * @param dockerHost {@code unix:///path} or {@code tcp://host:port} (plain; a TLS engine is not supported here)
     * @throws IllegalArgumentException for another form
     */
    DockerEngine(String dockerHost)
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

    /** @return the engine's address, such as {@code unix:///var/run/docker.sock} */
    String address()
    {
        return address;
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
     * @return nothing; returns when {@code GET /_ping} answers 200
     * @throws IOException otherwise
     */
    void ping() throws IOException
    {
        int status = status(request("GET", "/_ping"));
        if (status != 200) {
            throw new IOException("GET /_ping answered " + status);
        }
    }

    /**
     * @param label {@code key=value}
     * @return the ids of the containers (running or not) with that label
     * @throws IOException when the engine fails
     */
    List<String> containersLabelled(String label) throws IOException
    {
        String filters = "{\"label\":[\"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}";
        String response = request("GET", "/containers/json?all=1&filters="
                + URLEncoder.encode(filters, StandardCharsets.UTF_8));
        int status = status(response);
        if (status != 200) {
            throw new IOException("listing containers answered " + status);
        }
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(response);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * Removes a container, killing it if it runs; one already gone is fine.
     *
     * @param id the container
     * @throws IOException when the engine fails
     */
    void removeContainer(String id) throws IOException
    {
        int status = status(request("DELETE", "/containers/" + id + "?force=1&v=1"));
        if (status != 204 && status != 404) {
            throw new IOException("removing container " + id + " answered " + status);
        }
    }

    /** One request without a body, HTTP/1.0 so the engine answers without chunks and closes. */
    private String request(String method, String path) throws IOException
    {
        try (SocketChannel channel = connect()) {
            String request = method + " " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (channel.read(in) >= 0) {
                in.flip();
                response.write(in.array(), 0, in.limit());
                in.clear();
                if (response.size() > 16 << 20) {
                    throw new IOException("the engine's answer to " + path + " is too large");
                }
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) throws IOException
    {
        Matcher m = STATUS.matcher(response);
        if (!m.find()) {
            throw new IOException("not an HTTP answer: " + response.lines().findFirst().orElse("<empty>"));
        }
        return Integer.parseInt(m.group(1));
    }
}
