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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests per second through the API server on 127.0.0.1 (JDK HttpClient, keep-alive, {@code --threads} client
 * threads) beside calls per second of the same work straight on the facade, for {@code baymodel-show}
 * ({@code GET /v1/baymodels/k8sbaymodel} vs {@code bayModels().get("k8sbaymodel")}) and {@code bay-list}
 * ({@code GET /v1/bays} vs {@code bays().list(ListOptions.DEFAULT)}, {@code --bays} bays). After a
 * {@code --warmup} run of each call, {@code --rounds} rounds run each call for {@code --seconds} in turn; the best
 * and the median round are reported. The harness stops by itself.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.magnum.benchmarks.ApiLoadHarness  --seconds 10 --threads 8 --rounds 3
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
        int rounds = intOption(args, "--rounds", 3);
        try (Magnum magnum = Magnum.builder().cloud(LocalCloud.create()).heartbeatInterval(Duration.ofHours(1))
                .maxBaysPerProject(Integer.MAX_VALUE)
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
            out.printf(Locale.ROOT, "%d bays, %d threads; %d s warm-up per call, then %d rounds of %d s per call%n",
                    bays, threads, warmup, rounds, seconds);
            ExecutorService clientThreads = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "harness-http-client");
                thread.setDaemon(true);
                return thread;
            });
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                    .build();
            Map<String, Callable<Object>> calls = new LinkedHashMap<>();
            calls.put("baymodel-show, facade", () -> magnum.bayModels().get("k8sbaymodel"));
            calls.put("baymodel-show, HTTP", () -> get(http, show));
            calls.put("bay-list, facade", () -> magnum.bays().list(ListOptions.DEFAULT));
            calls.put("bay-list, HTTP", () -> get(http, list));
            for (Callable<Object> call : calls.values()) {
                run(threads, warmup, call);
            }
            // rounds interleave the calls, so a burst of load from elsewhere does not fall on one of them only
            Map<String, List<Long>> rates = new LinkedHashMap<>();
            long errors = 0;
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Callable<Object>> call : calls.entrySet()) {
                    long[] counts = run(threads, seconds, call.getValue());
                    rates.computeIfAbsent(call.getKey(), k -> new ArrayList<>()).add(counts[0] / seconds);
                    errors += counts[1];
                }
            }
            out.println("| call | best round, per second | median round, per second |");
            out.println("|---|---:|---:|");
            rates.forEach((name, values) -> {
                List<Long> sorted = values.stream().sorted().toList();
                out.printf(Locale.ROOT, "| %s | %,d | %,d |%n", name, sorted.get(sorted.size() - 1),
                        sorted.get(sorted.size() / 2));
            });
            out.println("errors: " + errors);
            clientThreads.shutdownNow();
        }
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
