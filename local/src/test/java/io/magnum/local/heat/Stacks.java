package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Test helpers: requests from text, waiting for a stack to settle. */
final class Stacks
{
    private Stacks()
    {
    }

    static StackRequest request(String name, String template, Map<String, String> parameters)
    {
        return new StackRequest(name, template, Map.of(), parameters, null, 0);
    }

    static StackRequest request(String name, String template, Map<String, String> files, Map<String, String> parameters)
    {
        return new StackRequest(name, template, files, parameters, null, 0);
    }

    /** Waits (up to 30 s, polling) until the stack is no longer in progress, or gone. */
    static Stack settle(LocalCloud cloud, String id)
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var stack = cloud.stacks().get(id);
            if (stack.isEmpty() || !stack.get().inProgress()) {
                return stack.orElse(null);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("stack " + id + " did not settle: " + cloud.stacks().get(id));
    }

    static String resource(String path)
    {
        try (InputStream in = Stacks.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
