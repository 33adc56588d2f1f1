package io.magnum.local.tck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Whether a Docker engine answers on this machine: {@code GET /_ping} on {@code DOCKER_HOST} or the usual socket. */
final class DockerProbe
{
    private DockerProbe()
    {
    }

    /** @return why no Docker engine answers, or empty when one does */
    static Optional<String> unavailable()
    {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        SocketAddress address;
        StandardProtocolFamily family;
        if (host.startsWith("unix://")) {
            Path socket = Path.of(host.substring("unix://".length()));
            if (!Files.exists(socket)) {
                return Optional.of("no Docker engine: " + socket + " does not exist (DOCKER_HOST " + host + ")");
            }
            address = UnixDomainSocketAddress.of(socket);
            family = StandardProtocolFamily.UNIX;
        }
        else if (host.startsWith("tcp://")) {
            URI uri = URI.create(host);
            address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort());
            family = StandardProtocolFamily.INET;
        }
        else {
            return Optional.of("DOCKER_HOST " + host + " is neither unix:// nor tcp://");
        }
        CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> ping(address, family));
        try {
            String answer = ping.get(5, TimeUnit.SECONDS);
            return answer.startsWith("HTTP/1.") && answer.contains(" 200 ") ? Optional.empty()
                    : Optional.of("the Docker engine at " + host + " answered "
                            + answer.lines().findFirst().orElse(""));
        }
        catch (TimeoutException e) {
            ping.cancel(true);
            return Optional.of("the Docker engine at " + host + " did not answer within 5 s");
        }
        catch (ExecutionException e) {
            return Optional.of("no Docker engine at " + host + ": " + e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking the Docker engine");
        }
    }

    private static String ping(SocketAddress address, StandardProtocolFamily family)
    {
        try (SocketChannel channel = SocketChannel.open(family)) {
            channel.connect(address);
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            channel.read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
