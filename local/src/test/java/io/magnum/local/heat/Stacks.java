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

    /** Waits (up to 30 s) until the stack is no longer in progress, or gone (then null). */
    static Stack settle(LocalCloud cloud, String id)
    {
        return cloud.heat().await(id, Duration.ofSeconds(30)).orElse(null);
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
