package io.magnum.local.tck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Reads host and port out of an api_address ({@code https://127.0.0.1:6443}, {@code 127.0.0.1:8080}). */
final class Endpoints
{
    private Endpoints()
    {
    }

    static Optional<InetSocketAddress> socket(String address)
    {
        try {
            URI uri = URI.create(address.contains("://") ? address : "tcp://" + address);
            return uri.getHost() == null || uri.getPort() < 0 ? Optional.empty()
                    : Optional.of(new InetSocketAddress(uri.getHost(), uri.getPort()));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Fails unless nothing accepts connections at the address within the time given. */
    static void assertClosed(String address, Duration within)
    {
        InetSocketAddress socket = socket(address).orElseThrow(() -> new AssertionError(
                "the hosted api_address " + address + " names no host and port"));
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(socket, 500);
            }
            catch (IOException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bay's endpoint " + address + " still accepts connections " + within
                        + " after the bay was deleted");
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
