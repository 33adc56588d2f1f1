package io.magnum.benchmarks;

import io.magnum.Magnum;
import io.magnum.api.MagnumApiServer;
import io.magnum.local.LocalCloud;
import io.magnum.model.BaySpec;
import io.magnum.model.ListOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests per second through the API server on 127.0.0.1 (JDK HttpClient, keep-alive, {@code --threads} client
 * threads) beside calls per second of the same work straight on the facade, for {@code baymodel-show}
 * ({@code GET /v1/baymodels/k8sbaymodel} vs {@code bayModels().get("k8sbaymodel")}) and {@code bay-list}
 * ({@code GET /v1/bays} vs {@code bays().list(ListOptions.DEFAULT)}, {@code --bays} bays). Each figure is a
 * {@code --seconds} run after a {@code --warmup} run; the harness stops by itself.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.magnum.benchmarks.ApiLoadHarness --seconds 10 --threads 8
 * </pre>
 *
 * With {@code --serve SECONDS} it instead keeps the loaded server up that long and prints its URL, for wrk.
 */
public final class ApiLoadHarness
{
    private ApiLoadHarness()
    {
    }

    public static void main(String[] args) throws Exception
    {
        PrintStream out = System.out;
        int seconds = intOption(args, "--seconds", 10);
        int warmup = intOption(args, "--warmup", 5);
        int threads = intOption(args, "--threads", 8);
        int bays = intOption(args, "--bays", 20);
        int serve = intOption(args, "--serve", 0);
        try (Magnum magnum = Magnum.builder().cloud(LocalCloud.create()).heartbeatInterval(Duration.ofHours(1))
                .syncInterval(Duration.ofMillis(50)).build();
             MagnumApiServer server = MagnumApiServer.builder(magnum).port(0).start()) {
            magnum.bayModels().create(BayBenchmark.MODEL);
            for (int i = 0; i < bays; i++) {
                magnum.bays().create(BaySpec.of("bay-" + i, "k8sbaymodel", 1));
            }
            for (int i = 0; i < bays; i++) {
                magnum.bays().awaitStable("bay-" + i, Duration.ofMinutes(5));
            }
            URI show = URI.create(server.uri() + "/v1/baymodels/k8sbaymodel");
            URI list = URI.create(server.uri() + "/v1/bays");
            if (serve > 0) {
                out.println("serving " + server.uri() + " for " + serve + " s: " + show + " and " + list);
                Thread.sleep(serve * 1000L);
                return;
            }
            out.printf(Locale.ROOT, "%d bays, %d threads, %d s warm-up and %d s measured per figure%n", bays, threads,
                    warmup, seconds);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(2)).build();
            List<String[]> rows = new ArrayList<>();
            rows.add(row("baymodel-show, facade", measure(threads, warmup, seconds,
                    () -> magnum.bayModels().get("k8sbaymodel"))));
            rows.add(row("baymodel-show, HTTP", measure(threads, warmup, seconds, () -> get(http, show))));
            rows.add(row("bay-list, facade", measure(threads, warmup, seconds,
                    () -> magnum.bays().list(ListOptions.DEFAULT))));
            rows.add(row("bay-list, HTTP", measure(threads, warmup, seconds, () -> get(http, list))));
            out.println("| call | per second | errors |");
            out.println("|---|---:|---:|");
            rows.forEach(r -> out.println("| " + String.join(" | ", r) + " |"));
        }
    }

    private static String[] row(String name, long[] result)
    {
        return new String[]{name, String.format(Locale.ROOT, "%,d", result[0]), Long.toString(result[1])};
    }

    private static Object get(HttpClient http, URI uri) throws IOException, InterruptedException
    {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("X-Auth-Token", "bench").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** @return calls per second over the measured run, and how many calls failed */
    private static long[] measure(int threads, int warmup, int seconds, Callable<Object> call) throws Exception
    {
        run(threads, warmup, call);
        long[] counts = run(threads, seconds, call);
        return new long[]{counts[0] / seconds, counts[1]};
    }

    private static long[] run(int threads, int seconds, Callable<Object> call) throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    long done = 0;
                    long failed = 0;
                    while (!stop.get()) {
                        try {
                            call.call();
                            done++;
                        }
                        catch (Exception e) {
                            failed++;
                        }
                    }
                    return new long[]{done, failed};
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            long done = 0;
            long failed = 0;
            for (Future<long[]> worker : workers) {
                long[] counts = worker.get();
                done += counts[0];
                failed += counts[1];
            }
            return new long[]{done, failed};
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static int intOption(String[] args, String name, int fallback)
    {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
