package dev.lanyard.bench;

import com.sun.net.httpserver.HttpServer;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load and robustness phases of the benchmark beside the token grants: reads (JWKS, discovery), PDS's mobile-number
 * sign-in (send a code, the SMS gateway's webhook receives it, sign in with it), overload at twice the measured
 * maximum (open loop: requests arrive on schedule whether or not earlier ones were answered), recovery after it, an
 * optional soak, and the server's memory, threads and database connections.
 */
final class LoadPhases {

    private static final Pattern WEBHOOK_CODE = Pattern.compile("\"phone_number\"\\s*:\\s*\"([^\"]+)\".*?\"code\"\\s*:\\s*\"(\\d{6})\"",
            Pattern.DOTALL);

    private final LanyardServer server;
    private final ThreadLocal<LoopbackHttp> connection;

    LoadPhases(LanyardServer server, ThreadLocal<LoopbackHttp> connection) {
        this.server = server;
        this.connection = connection;
    }

    /** Closed loop on the JWKS and on the discovery document; goal 5,000 requests/s each. */
    void reads(OAuthBenchmark bench) throws Exception {
        for (String path : List.of("/v2/oauth/jwks", "/.well-known/openid-configuration")) {
            OAuthBenchmark.Step get = worker -> {
                LoopbackHttp.Response response = connection.get().get(path);
                if (response.status() != 200) {
                    throw new IllegalStateException(path + " answered " + response.status());
                }
            };
            bench.measure(Duration.ofSeconds(5), 0, get); // warm-up
            OAuthBenchmark.Result max = bench.measure(OAuthBenchmark.PHASE, 0, get);
            OAuthBenchmark.print("GET " + path.substring(path.lastIndexOf('/') + 1) + ", closed loop", max);
            OAuthBenchmark.print("GET " + path.substring(path.lastIndexOf('/') + 1) + ", paced at 70%",
                    bench.measure(OAuthBenchmark.PHASE, max.throughput() * 0.7, get));
        }
        System.out.println();
    }

    /**
     * PDS's mobile sign-in through the API, end to end: send_sms_code, the webhook gateway delivers the code to a
     * receiver in this process (as an SMS relay would get it), account/login with it (a new number registers).
     */
    void mobileSignIn(OAuthBenchmark bench, TestDatabase database, String appId) throws Exception {
        Map<String, String> delivered = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = WEBHOOK_CODE.matcher(body);
            if (m.find()) {
                delivered.put(m.group(1), m.group(2));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
        receiver.setExecutor(receiverThreads);
        receiver.start();
        try {
            database.enableUserSystem("default", "mobile", """
                    {"send_interval_seconds": 0, "sends_per_number_per_hour": 100, "sends_per_ip_per_hour": 10000,
                     "daily_budget": 10000000,
                     "gateways": [{"type": "webhook", "url": "http://127.0.0.1:%d/sms", "signing_secret": "bench-webhook-signing-secret"}]}
                    """.formatted(receiver.getAddress().getPort()));
            OAuthBenchmark.Step flow = worker -> {
                String number = "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
                LoopbackHttp.Response sent = connection.get().post("/v2/account/send_sms_code", "application/json",
                        "{\"app_id\":\"" + appId + "\",\"phone_number\":\"" + number + "\",\"type\":\"login\"}", Map.of());
                if (sent.status() != 200) {
                    throw new IllegalStateException("send_sms_code answered " + sent.status() + ": " + sent.body());
                }
                String code = delivered.remove(number);
                if (code == null) {
                    throw new IllegalStateException("the webhook got no code for " + number);
                }
                LoopbackHttp.Response login = connection.get().post("/v2/account/login", "application/json",
                        "{\"app_id\":\"" + appId + "\",\"phone_number\":\"" + number + "\",\"sms_code_id\":\""
                                + OAuthBenchmark.jsonString(sent.body(), "sms_code_id") + "\",\"sms_code\":\"" + code
                                + "\",\"auto_register\":true}", Map.of());
                if (login.status() != 200) {
                    throw new IllegalStateException("account/login answered " + login.status() + ": " + login.body());
                }
            };
            bench.measure(Duration.ofSeconds(10), 0, flow); // warm-up
            OAuthBenchmark.Result max = bench.measure(OAuthBenchmark.PHASE, 0, flow);
            OAuthBenchmark.print("mobile sign-in flow, closed loop", max);
            OAuthBenchmark.print("mobile sign-in flow, paced 70%", bench.measure(OAuthBenchmark.PHASE, max.throughput() * 0.7, flow));
            System.out.println("  (one flow = send_sms_code + the webhook delivery + account/login: two requests, one token)");
            System.out.println();
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow(); // else its threads keep the benchmark's JVM alive after the last phase
        }
    }

    /**
     * Refresh grants arriving at {@code rate} per second on schedule for {@code duration}, each on one of
     * {@code chains} (a chain is used by one request at a time; a refused request leaves its token usable). Latency is
     * counted from the scheduled start, so a request that waited for a free client thread counts its wait too.
     */
    OpenLoopResult openLoop(ConcurrentLinkedQueue<String> chains, String appId, String secret, double rate, Duration duration)
            throws Exception {
        int threads = Math.max(16, chains.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> admitted = Collections.synchronizedList(new ArrayList<>());
        List<Long> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicLong refusedWithoutRetryAfter = new AtomicLong();
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        long count = (long) (rate * duration.toSeconds());
        for (long i = 0; i < count; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pool.execute(() -> {
                String chain = chains.poll();
                if (chain == null) {
                    errors.incrementAndGet(); // more requests in flight than chains: counted, never silently dropped
                    return;
                }
                try {
                    LoopbackHttp.Response response = connection.get().postForm("/v2/oauth/token", "client_id=" + appId
                            + "&client_secret=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8)
                            + "&grant_type=refresh_token&refresh_token=" + chain);
                    long micros = (System.nanoTime() - scheduled) / 1000;
                    if (response.status() == 200) {
                        admitted.add(micros);
                        chain = OAuthBenchmark.jsonString(response.body(), "refresh_token");
                    } else if (response.status() == 503 || response.status() == 429) {
                        refused.add(micros);
                        if (response.retryAfter() == null) {
                            refusedWithoutRetryAfter.incrementAndGet();
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } finally {
                    chains.add(chain);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        return new OpenLoopResult(count, (System.nanoTime() - start) / 1e9, List.copyOf(admitted), List.copyOf(refused),
                errors.get(), refusedWithoutRetryAfter.get());
    }

    record OpenLoopResult(long offered, double seconds, List<Long> admittedMicros, List<Long> refusedMicros, long errors,
                          long refusedWithoutRetryAfter) {
        void print(String name) {
            System.out.printf("%-30s offered %6.0f/s: admitted %6.0f/s (p50 %.1f ms, p99 %.1f ms), refused %6.0f/s "
                            + "(p99 %.1f ms, %d without Retry-After), errors %d%n",
                    name, offered / seconds, admittedMicros.size() / seconds, percentile(admittedMicros, 0.5),
                    percentile(admittedMicros, 0.99), refusedMicros.size() / seconds, percentile(refusedMicros, 0.99),
                    refusedWithoutRetryAfter, errors);
        }
    }

    static double percentile(List<Long> micros, double p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1000.0;
    }

    /** Resident memory, threads and (on PostgreSQL) open database connections of the server, and its heap after a GC. */
    void printFootprint(String when, TestDatabase database) {
        long pid = server.pid();
        String status = read(Path.of("/proc/" + pid + "/status"));
        System.out.printf("%-22s RSS %s MB, threads %s, heap after GC %s%s%n", when, field(status, "VmRSS", 1024),
                field(status, "Threads", 1), heapAfterGc(pid), database.isPostgres() ? ", database connections " + connections(database) : "");
    }

    /** A heap's or a generation's use in {@code jcmd GC.heap_info}. */
    private static final Pattern USED_KIB = Pattern.compile("used (\\d+)K");

    private static String heapAfterGc(long pid) {
        String jcmd = Path.of(System.getProperty("lanyard.it.java", "java")).resolveSibling("jcmd").toString();
        try {
            run(jcmd, Long.toString(pid), "GC.run");
            String info = run(jcmd, Long.toString(pid), "GC.heap_info");
            // one "used NK" per heap (G1) or per generation (Parallel, Serial: young and old), then Metaspace's
            long usedK = 0;
            boolean found = false;
            for (String line : info.split("\n")) {
                Matcher used = USED_KIB.matcher(line);
                if (!line.contains("Metaspace") && !line.contains("class space") && used.find()) {
                    usedK += Long.parseLong(used.group(1));
                    found = true;
                }
            }
            return found ? (usedK / 1024) + " MB" : "n/a";
        } catch (IOException | InterruptedException unavailable) {
            return "n/a";
        }
    }

    private static String connections(TestDatabase database) {
        try (var c = database.connect(); var s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            r.next();
            return Long.toString(r.getLong(1));
        } catch (java.sql.SQLException e) {
            return "n/a";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String field(String status, String name, int divisor) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
        return m.find() ? Long.toString(Long.parseLong(m.group(1)) / divisor) : "n/a";
    }
}
