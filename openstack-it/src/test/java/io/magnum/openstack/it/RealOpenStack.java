package io.magnum.openstack.it;

import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.Orchestration;
import io.magnum.spi.cloud.Stack;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real Keystone and Heat that {@code tools/openstack-it.sh} starts on 127.0.0.1, described by the {@code OS_*}
 * variables of its {@code admin-openrc}. Every test class names its stacks with {@link #prefix(String)}, so runs never
 * collide with each other or with stacks somebody else left behind.
 */
final class RealOpenStack
{
    /** How long a stack of the tests may take to settle on the real Heat (it takes 5-10 s per operation). */
    static final Duration SETTLE = Duration.ofMinutes(3);

    private static final String RUN = randomLetters(5);

    private RealOpenStack()
    {
    }

    /**
     * @return the variables of the real cloud
     * @throws AssertionError naming what is missing, when the tier was started without its services
     */
    static Map<String, String> environment()
    {
        Map<String, String> env = System.getenv();
        if (env.get("OS_AUTH_URL") == null || env.get("OS_AUTH_URL").isBlank()) {
            fail("OS_AUTH_URL is not set. The OpenStack tier runs against a real Keystone and Heat: start it with "
                    + "tools/openstack-it.sh (which runs openstack-up.sh and sources its admin-openrc), "
                    + "or source /var/lib/openstack-ci/admin-openrc after tools/openstack-up.sh.");
        }
        return env;
    }

    /** @return a cloud for the real Keystone and Heat, from the {@code OS_*} variables */
    static OpenStackCloud cloud()
    {
        return OpenStackCloud.fromEnvironment(environment());
    }

    /**
     * @param what a short word for the test class
     * @return a stack-name prefix unique to this run, such as {@code it-abcde-bay}
     */
    static String prefix(String what)
    {
        return "it-" + RUN + "-" + what;
    }

    /**
     * Waits until a stack is no longer in progress, polling as Magnum's poller does.
     *
     * @param heat    the orchestration
     * @param id      the stack id or name
     * @param timeout how long to wait
     * @return the settled stack, or empty when it is gone
     */
    static Optional<Stack> settle(Orchestration heat, String id, Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Stack> stack = heat.get(id);
            if (stack.isEmpty() || !stack.get().inProgress()) {
                return stack;
            }
            if (System.nanoTime() > deadline) {
                fail("stack " + id + " is still " + stack.get().status() + " after " + timeout);
            }
            sleep(Duration.ofMillis(300));
        }
    }

    static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String randomLetters(int count)
    {
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
