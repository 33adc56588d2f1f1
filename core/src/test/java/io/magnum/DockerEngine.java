package io.magnum;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the local Docker engine (tools/docker-up.sh) answers; tests that need it skip loudly when it does not. */
final class DockerEngine
{
    private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);
    static final Path SOCKET = Path.of("/var/run/docker.sock");
    /** Made by tools/docker-up.sh from busybox-static; never pulled. */
    static final String IMAGE = "local/busybox:latest";

    private DockerEngine()
    {
    }

    static void assumeRunning(String test)
    {
        String answer;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(SOCKET));
            channel.write(ByteBuffer.wrap(("GET /images/" + IMAGE + "/json HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(256);
            channel.read(buffer);
            answer = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
        }
        catch (IOException | UnsupportedOperationException e) {
            log.warn("\n####################################################################\n"
                    + "SKIPPING {}: no Docker engine answers at {} ({}).\nStart one with tools/docker-up.sh --swarm.\n"
                    + "####################################################################", test, SOCKET, e.toString());
            Assumptions.abort("no Docker engine at " + SOCKET + ": " + e);
            return;
        }
        if (!answer.startsWith("HTTP/1.0 200") && !answer.startsWith("HTTP/1.1 200")) {
            throw new AssertionError("the Docker engine answers but has no " + IMAGE + " (run tools/docker-up.sh): "
                    + answer.lines().findFirst().orElse(""));
        }
    }
}
