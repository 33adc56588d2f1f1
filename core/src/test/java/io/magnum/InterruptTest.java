package io.magnum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller's thread interrupted in the middle of a call (a request timeout in the embedding service, an executor
 * shut down with {@code shutdownNow}) must not break the database for every later call: the NIO file channel an
 * interrupt closes is opened again.
 */
class InterruptTest
{
    @Test
    void interruptedCallersLeaveTheFileDatabaseUsable(@TempDir Path dir) throws Exception
    {
        try (Magnum magnum = Fixtures.builder().database(dir.resolve("magnum")).build()) {
            AtomicInteger done = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                Thread thread = new Thread(() -> {
                    try {
                        magnum.bayModels().create(seedSpec().name("m" + n).build());
                        done.incrementAndGet();
                    }
                    catch (RuntimeException e) {
                        // the interrupted call itself may fail; what matters is the calls after it
                    }
                });
                threads.add(thread);
                thread.start();
                Thread.sleep(n % 3);
                thread.interrupt();
            }
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            // every later call works, and what was stored is there
            magnum.bayModels().create(seedSpec().name("after").build());
            assertThat(magnum.bayModels().list()).hasSizeGreaterThanOrEqualTo(done.get() + 1);
        }
        try (Magnum again = Fixtures.builder().database(dir.resolve("magnum")).build()) {
            assertThat(again.bayModels().get("after").name()).isEqualTo("after");
        }
    }
}
