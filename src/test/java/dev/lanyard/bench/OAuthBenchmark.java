package dev.lanyard.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token-endpoint benchmark on loopback (run with ./bench.sh). Prints, in one run: the raw RS256 signing rate of this
 * machine with 2 threads, then throughput, p50, p99 and errors of the refresh grant and of the code exchange, first
 * at a fixed concurrency (closed loop, the measured maximum) and then paced at 70% of that maximum.
 */
public final class OAuthBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private static final int CODES = Integer.getInteger("bench.codes", 400);
    /** JWT-bearer assertions signed before the measured phases, each used once. */
    private static final int JWT_ASSERTIONS = Integer.getInteger("bench.assertions", 80_000);
    /** The third-party maxima are measured again in slices, each against the raw rate beside it (-Dbench.slices=0: none). */
    private static final int SLICES = Integer.getInteger("bench.slices", 5);
    private static final Duration SLICE = Duration.ofSeconds(Long.getLong("bench.sliceSeconds", 4));
    private static final String ACCESS_KEY_ID = "bench-key";
    private static final String ACCESS_KEY_SECRET = "bench-access-key-secret-0123456789";
    /** The JIT compiles Payara's request path for a long time after start: measure the warm server, not the compiler. */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 60));
    /** Optional: refresh grants at 70% of the maximum for this long, to show a long run stays error-free. */
    private static final Duration SOAK = Duration.ofSeconds(Long.getLong("bench.soakSeconds", 0));
    /** Refresh chains of the overload phase (one per request in flight at most). */
    private static final int OVERLOAD_CHAINS = Integer.getInteger("bench.overloadChains", 64);
    /** The JWT-bearer grant and the AccessKey call run through code the refresh phase did not warm (JAX-RS, JOSE). */
    private static final Duration THIRD_PARTY_WARM_UP = Duration.ofSeconds(Long.getLong("bench.thirdPartyWarmup", 30));
    /**
     * After its warm-up, a phase keeps warming in slices of {@link #WARM_UP_SLICE} while the server's JIT compilers
     * still take more than this share of its CPU, for at most {@link #MORE_WARM_UP} more: the JIT was seen taking 12%
     * of the server's CPU in a JWT-bearer phase measured after a fixed 30 s.
     */
    private static final double QUIET_JIT_SHARE = Double.parseDouble(System.getProperty("bench.quietJitShare", "0.03"));
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(5);
    private static final Duration MORE_WARM_UP = Duration.ofSeconds(Long.getLong("bench.moreWarmup", 90));
    private static final String REDIRECT = "https://bench.example/cb";
    /** -Dbench.only=third-party runs only the JWT-bearer and AccessKey phases (quicker when working on those). */
    private static final boolean THIRD_PARTY_ONLY = "third-party".equals(System.getProperty("bench.only"));
    /** The status in a failed step's message ("... answered 503: ..."), which names the kind of failure. */
    private static final Pattern ANSWERED_STATUS = Pattern.compile("answered (\\d{3})");

    /** One kept-alive connection per load-generator thread. */
    private final ThreadLocal<LoopbackHttp> connection = ThreadLocal.withInitial(() -> new LoopbackHttp(this.server.port(), "127.0.0.1"));
    private LanyardServer server;
    private final String app = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "bench-secret-" + UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        new OAuthBenchmark().run();
    }

    private void run() throws Exception {
        System.out.printf("Lanyard token benchmark, %d cores, concurrency %d, %d s per phase%n",
                Runtime.getRuntime().availableProcessors(), CONCURRENCY, PHASE.toSeconds());
        double signing = rawSigningRate();
        System.out.printf("raw RS256 signing, 2 threads: %.0f signatures/s%n%n", signing);

        TestDatabase database = TestDatabase.fresh("bench");
        DatabaseCounters.timeWalFlushes(database);
        try (LanyardServer started = LanyardServer.onTestDatabase("bench", database,
                Map.of("LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD,
                        "LANYARD_BOOTSTRAP_ACCESS_KEY_ID", ACCESS_KEY_ID, "LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET))) {
            server = started.start();
            System.out.println("database: " + (database.isPostgres() ? "PostgreSQL" : "embedded H2")
                    + "; server's garbage collector: " + LanyardServer.garbageCollector());
            LoadPhases phases = new LoadPhases(server, connection);
            phases.printFootprint("server after start:", database);
            database.createApp("default", app, "WEB_SERVER", secret, List.of(REDIRECT), List.of("all"), false);
            if (THIRD_PARTY_ONLY) {
                thirdParty(database);
                return;
            }
            OAuthBrowser browser = new OAuthBrowser(server);

            List<String> chains = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                chains.add(exchange(code(browser)).refreshToken());
            }
            warmUp("refresh grant", WARM_UP, refreshStep(chains));
            // The machine is shared: the signing rate is measured again right beside the refresh phase (the server
            // idle), and the ratio uses the mean of the two measurements next to it.
            double signingBefore = rawSigningRate();
            long cpuBefore = serverCpuMillis();
            CpuShares sharesBefore = CpuShares.now(server.pid());
            Result refreshMax = measureRefresh(chains, PHASE, 0);
            CpuShares.print("refresh max", sharesBefore, CpuShares.now(server.pid()));
            long cpuUsed = serverCpuMillisSince(cpuBefore);
            double signingAfter = rawSigningRate();
            print("refresh grant, closed loop", refreshMax);
            Result refresh70 = measureRefresh(chains, PHASE, refreshMax.throughput() * 0.7);
            print("refresh grant, paced at 70%", refresh70);
            double besideRefresh = (signingBefore + signingAfter) / 2;
            System.out.printf("raw RS256 signing beside the refresh phase: %.0f and %.0f signatures/s%n", signingBefore, signingAfter);
            System.out.printf("refresh max / raw signing = %.2f%n", refreshMax.throughput() / besideRefresh);
            printCpuPerRequest("refresh grant", cpuUsed, refreshMax, besideRefresh);

            // overload: twice the maximum arrives on schedule; the excess must be turned away quickly with Retry-After
            // while what is admitted keeps its latency; then the 70% load again, right after
            ConcurrentLinkedQueue<String> overloadChains = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < OVERLOAD_CHAINS; i++) {
                overloadChains.add(exchange(code(browser)).refreshToken());
            }
            LoadPhases.OpenLoopResult overload = phases.openLoop(overloadChains, app, secret, refreshMax.throughput() * 2, PHASE);
            overload.print("refresh grant, offered 2x max");
            System.out.printf("admitted p99 under overload / p99 at 70%% = %.2f (goal <= 2)%n",
                    LoadPhases.percentile(overload.admittedMicros(), 0.99) / refresh70.percentileMillis(0.99));
            print("refresh at 70%, just after", measureRefresh(chains, Duration.ofSeconds(10), refreshMax.throughput() * 0.7));
            System.out.println();

            Result codeMax = measureCodeExchange(codes(browser, CODES), 0);
            print("code exchange, closed loop", codeMax);
            Result code70 = measureCodeExchange(codes(browser, CODES), codeMax.throughput() * 0.7);
            print("code exchange, paced at 70%", code70);
            System.out.println();

            phases.reads(this);
            phases.mobileSignIn(this, database, app);
            thirdParty(database);
            if (!SOAK.isZero()) {
                Result soak = measureRefresh(chains, SOAK, refreshMax.throughput() * 0.7);
                print("refresh at 70% for " + SOAK.toMinutes() + " min", soak);
            }
            phases.printFootprint("server after the load:", database);
            Thread.sleep(75_000); // idle: request threads end after a minute, pooled connections go back
            phases.printFootprint("after 75 s idle:", database);
        }
    }

    /**
     * JWT-bearer grants and AccessKey get_access_token calls. The assertions are signed before the phases (RS256 costs
     * the load generator as much as the server), each with its own jti; AccessKey requests are signed as they go
     * (HMAC-SHA1 is cheap). The JWT-bearer goal compares with what a grant must do at the least: verify one RS256
     * assertion and sign one token, measured the same way as the raw signing rate.
     */
    private void thirdParty(TestDatabase database) throws Exception {
        RSAKey appKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        database.createJwtApp("default", "bench-jwt", Map.of("k1", dev.lanyard.it.support.TestKeys.pem(appKey.toRSAPublicKey())),
                null, false, false);
        String userId = database.createPasswordUser("default", "bench-user", "bench-user-password-1", "USER", "ENABLED");

        ConcurrentLinkedQueue<String> assertions = new ConcurrentLinkedQueue<>(assertions(appKey, userId, JWT_ASSERTIONS));
        // the warm-up signs its assertions as it goes (load generator CPU does not matter there), so it can take as
        // long as the JIT needs without using up the ones signed for the measured phases
        RSASSASigner warmUpSigner = new RSASSASigner(appKey);
        warmUp("JWT-bearer grant", THIRD_PARTY_WARM_UP, worker -> jwtBearer(assertion(warmUpSigner, userId)));
        double verifyAndSign = rawVerifyAndSignRate(appKey);
        long cpuBefore = serverCpuMillis();
        CpuShares sharesBefore = CpuShares.now(server.pid());
        Optional<DatabaseCounters> countersBefore = DatabaseCounters.read(database);
        Result jwtMax = measureJwtBearer(assertions, PHASE, 0);
        CpuShares.print("JWT-bearer max", sharesBefore, CpuShares.now(server.pid()));
        DatabaseCounters.print("JWT-bearer max", countersBefore, DatabaseCounters.read(database), jwtMax.answered());
        long jwtCpu = serverCpuMillisSince(cpuBefore);
        print("JWT-bearer grant, closed loop", jwtMax);
        Result jwt70 = measureJwtBearer(assertions, PHASE, jwtMax.throughput() * 0.7);
        print("JWT-bearer grant, paced at 70%", jwt70);
        System.out.printf("raw verify + sign, 2 threads: %.0f/s; JWT-bearer max / that = %.2f (%d assertions left)%n",
                verifyAndSign, jwtMax.throughput() / verifyAndSign, assertions.size());
        printCpuPerRequest("JWT-bearer grant", jwtCpu, jwtMax, verifyAndSign);
        printSliceRatios("JWT-bearer max", "raw verify + sign", () -> rawVerifyAndSignRate(appKey), jwtBearerStep(assertions));

        String body = "{\"user_id\": \"" + userId + "\"}";
        warmUp("AccessKey get_access_token", THIRD_PARTY_WARM_UP, worker -> accessKeyCall(body));
        double signingBefore = rawSigningRate();
        long akCpuBefore = serverCpuMillis();
        CpuShares akSharesBefore = CpuShares.now(server.pid());
        Optional<DatabaseCounters> akCountersBefore = DatabaseCounters.read(database);
        Result akMax = measureAccessKey(body, PHASE, 0);
        CpuShares.print("AccessKey max", akSharesBefore, CpuShares.now(server.pid()));
        DatabaseCounters.print("AccessKey max", akCountersBefore, DatabaseCounters.read(database), akMax.answered());
        long akCpu = serverCpuMillisSince(akCpuBefore);
        double signingAfter = rawSigningRate();
        print("AccessKey get_access_token, max", akMax);
        Result ak70 = measureAccessKey(body, PHASE, akMax.throughput() * 0.7);
        print("AccessKey get_access_token, 70%", ak70);
        System.out.printf("raw RS256 signing beside it: %.0f and %.0f/s; AccessKey max / raw signing = %.2f%n",
                signingBefore, signingAfter, akMax.throughput() / ((signingBefore + signingAfter) / 2));
        printCpuPerRequest("AccessKey call", akCpu, akMax, (signingBefore + signingAfter) / 2);
        printSliceRatios("AccessKey max", "raw signing", OAuthBenchmark::rawSigningRate, worker -> accessKeyCall(body));
    }

    /**
     * The closed-loop phase again in {@link #SLICES} slices of {@link #SLICE}, each against the reference rate measured
     * right before and right after it, and the median of those ratios. The host lends these two cores a varying share
     * of its own: the raw rate was seen to move by a fifth between the two ends of one 15 s phase, which moves that
     * phase's ratio as much as any change of Lanyard did. Each slice is compared with the host as it was around it.
     */
    private void printSliceRatios(String phase, String referenceName, java.util.concurrent.Callable<Double> reference, Step step)
            throws Exception {
        if (SLICES <= 0) {
            return;
        }
        double before = reference.call();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < SLICES; i++) {
            Result slice = measure(SLICE, 0, step);
            double after = reference.call();
            ratios.add(slice.throughput() / ((before + after) / 2));
            before = after;
        }
        List<String> shown = ratios.stream().map(r -> String.format("%.2f", r)).toList();
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf("%s in %d slices of %d s, each / %s right beside it: %s; median %.2f%n%n", phase, SLICES,
                SLICE.toSeconds(), referenceName, String.join(" ", shown), sorted.get(sorted.size() / 2));
    }

    /**
     * The server's CPU per request of a closed-loop phase, beside what the least crypto of it costs (2 threads), and
     * their ratio: the rate the server reaches per second of its own CPU, against the raw rate per second of CPU (the
     * wall-clock ratio also pays for the load generator and the database on the same cores).
     */
    private static void printCpuPerRequest(String what, long cpuMillis, Result phase, double rawRatePerSecond) {
        if (cpuMillis >= 0 && phase.answered() > 0) {
            double perRequest = (double) cpuMillis / phase.answered();
            double crypto = 2000.0 / rawRatePerSecond;
            System.out.printf("server CPU per %s: %.2f ms (its crypto alone: %.2f ms of one core); per second of server CPU:"
                    + " %.2f x the raw rate%n%n", what, perRequest, crypto, crypto / perRequest);
        }
    }

    private List<String> assertions(RSAKey key, String userId, int count) throws Exception {
        RSASSASigner signer = new RSASSASigner(key);
        List<String> signed = Collections.synchronizedList(new ArrayList<>());
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int offset = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = offset; i < count; i += 2) {
                    signed.add(assertion(signer, userId));
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return signed;
    }

    /** A JWT-bearer assertion for the user with its own jti, valid for a little under five minutes. */
    private static String assertion(RSASSASigner signer, String userId) {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("bench-jwt").subject(userId).claim("sub_type", "user")
                .audience("default").jwtID(UUID.randomUUID().toString()).issueTime(new Date(now))
                .expirationTime(new Date(now + 290_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        try {
            jwt.sign(signer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * Runs {@code step} closed-loop for {@code minimum}, then in slices of {@link #WARM_UP_SLICE} for as long as the
     * server's JIT compilers took more than {@link #QUIET_JIT_SHARE} of its CPU in the last one (at most
     * {@link #MORE_WARM_UP} more), and says how long that was.
     */
    private void warmUp(String what, Duration minimum, Step step) throws Exception {
        measure(minimum, 0, step);
        Duration more = Duration.ZERO;
        double jitShare;
        do {
            CpuShares before = CpuShares.now(server.pid());
            measure(WARM_UP_SLICE, 0, step);
            more = more.plus(WARM_UP_SLICE);
            jitShare = CpuShares.jitShareOfServer(before, CpuShares.now(server.pid()));
        } while (jitShare > QUIET_JIT_SHARE && more.compareTo(MORE_WARM_UP) < 0);
        System.out.printf("warm-up of the %s: %d s; the JIT compilers took %.0f%% of the server's CPU in its last %d s%n",
                what, minimum.plus(more).toSeconds(), 100 * jitShare, WARM_UP_SLICE.toSeconds());
    }

    private Result measureJwtBearer(ConcurrentLinkedQueue<String> assertions, Duration duration, double targetRate) throws Exception {
        return measure(duration, targetRate, jwtBearerStep(assertions));
    }

    /** A grant with the next unused assertion; the phase ends when none is left. */
    private Step jwtBearerStep(ConcurrentLinkedQueue<String> assertions) {
        return worker -> {
            String assertion = assertions.poll();
            if (assertion == null) {
                throw new Done();
            }
            jwtBearer(assertion);
        };
    }

    private void jwtBearer(String assertion) throws Exception {
        LoopbackHttp.Response response = connection.get().postForm("/v2/oauth/token",
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + assertion);
        if (response.status() != 200) {
            throw new IllegalStateException("jwt-bearer answered " + response.status() + ": " + response.body());
        }
    }

    private Result measureAccessKey(String body, Duration duration, double targetRate) throws Exception {
        return measure(duration, targetRate, worker -> accessKeyCall(body));
    }

    /** One get_access_token call, signed as it goes with the AccessKey pair (HMAC-SHA1 is cheap). */
    private void accessKeyCall(String body) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        headers.put("Content-MD5", java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8))));
        String toSign = "POST\napplication/json\n" + headers.get("Content-MD5") + "\napplication/json\n" + headers.get("Date")
                + "\nx-acs-signature-nonce:"
                + headers.get("x-acs-signature-nonce") + "\n/v2/user/get_access_token";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(ACCESS_KEY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        headers.put("Authorization", "acs " + ACCESS_KEY_ID + ":"
                + java.util.Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))));
        LoopbackHttp.Response response = connection.get().post("/v2/user/get_access_token", "application/json", body, headers);
        if (response.status() != 200) {
            throw new IllegalStateException("get_access_token answered " + response.status() + ": " + response.body());
        }
    }

    /** Verifications of an RS256 assertion plus signatures of a token per second, 2 threads: a JWT-bearer grant's crypto. */
    private static double rawVerifyAndSignRate(RSAKey appKey) throws Exception {
        RSAKey tokenKey = new RSAKeyGenerator(2048).keyID("t").generate();
        RSASSASigner signer = new RSASSASigner(tokenKey);
        com.nimbusds.jose.crypto.RSASSAVerifier verifier = new com.nimbusds.jose.crypto.RSASSAVerifier(appKey.toPublicJWK());
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("bench-jwt").subject("u").jwtID(UUID.randomUUID().toString()).build());
        assertion.sign(new RSASSASigner(appKey));
        String serialized = assertion.serialize();
        JWTClaimsSet claims = typicalTokenClaims();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("t").type(new JOSEObjectType("at+jwt")).build();
        return twoThreadRate(() -> {
            if (!SignedJWT.parse(serialized).verify(verifier)) {
                throw new IllegalStateException("does not verify");
            }
            new SignedJWT(header, claims).sign(signer);
        });
    }

    /** CPU time the server process has used since a reading of {@link #serverCpuMillis}, or -1 when either is unavailable. */
    private long serverCpuMillisSince(long before) {
        long now = serverCpuMillis();
        return before < 0 || now < 0 ? -1 : now - before;
    }

    /** CPU time the server process has used so far (Linux /proc), or -1 where that is not available. */
    private long serverCpuMillis() {
        try {
            String[] stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + server.pid() + "/stat"))
                    .replaceFirst("^.*\\) ", "").split(" ");
            long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, fields 14 and 15
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException unavailable) {
            return -1;
        }
    }

    /** {@code firstErrors}: the first message of each kind of failure (e.g. "IllegalStateException 503"), to say what the errors were. */
    record Result(long requests, long errors, double seconds, List<Long> latenciesMicros, Map<String, String> firstErrors) {
        /** Requests answered as they should be: a failed one (e.g. the admission gate's 503) is no token. */
        long answered() {
            return requests - errors;
        }

        /** Answered requests per second (failed ones are counted in {@code errors} instead). */
        double throughput() {
            return answered() / seconds;
        }

        double percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1000.0;
        }
    }

    record Tokens(String accessToken, String refreshToken) {
    }

    static void print(String name, Result r) {
        System.out.printf("%-30s %8.0f req/s   p50 %6.1f ms   p99 %6.1f ms   errors %d (%d requests)%n",
                name, r.throughput(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.errors(), r.requests());
        r.firstErrors().forEach((kind, message) -> {
            String oneLine = message.replaceAll("\\s+", " ");
            System.out.printf("  first %s: %s%n", kind, oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
        });
    }

    /** Each worker rotates its own refresh chain; {@code targetRate} 0 means as fast as it can. */
    private Result measureRefresh(List<String> chains, Duration duration, double targetRate) throws Exception {
        return measure(duration, targetRate, refreshStep(chains));
    }

    private Step refreshStep(List<String> chains) {
        return worker -> {
            String current = chains.get(worker);
            Tokens next = call(Map.of("grant_type", "refresh_token", "refresh_token", current));
            chains.set(worker, next.refreshToken());
        };
    }

    private Result measureCodeExchange(List<String> codes, double targetRate) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(codes);
        return measure(Duration.ofMinutes(5), targetRate, worker -> {
            String code = queue.poll();
            if (code == null) {
                throw new Done();
            }
            exchange(code);
        });
    }

    interface Step {
        void run(int worker) throws Exception;
    }

    static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }

    Result measure(Duration duration, double targetRate, Step step) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong requests = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        Map<String, String> firstErrors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long intervalNanos = targetRate > 0 ? (long) (CONCURRENCY * 1e9 / targetRate) : 0;
        CountDownLatch done = new CountDownLatch(CONCURRENCY);
        AtomicLong finishedAt = new AtomicLong();
        for (int w = 0; w < CONCURRENCY; w++) {
            int worker = w;
            Thread.ofPlatform().start(() -> {
                long next = start + (intervalNanos * worker) / CONCURRENCY;
                try {
                    while (System.nanoTime() < end) {
                        if (intervalNanos > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            next += intervalNanos;
                        }
                        long t0 = System.nanoTime();
                        try {
                            step.run(worker);
                            latencies.add((System.nanoTime() - t0) / 1000);
                        } catch (Done finished) {
                            break;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstErrors.putIfAbsent(errorKind(e), String.valueOf(e.getMessage()));
                        }
                        requests.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finishedAt.accumulateAndGet(System.nanoTime(), Math::max);
                    done.countDown();
                }
            });
        }
        done.await();
        return new Result(requests.get(), errors.get(), (finishedAt.get() - start) / 1e9, List.copyOf(latencies), Map.copyOf(firstErrors));
    }

    /** What kind of failure it was, for {@link Result#firstErrors()}: the exception's class and, for an answer, its status. */
    private static String errorKind(Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher status = ANSWERED_STATUS.matcher(message);
        return e.getClass().getSimpleName() + (status.find() ? " " + status.group(1) : "");
    }

    private List<String> codes(OAuthBrowser browser, int count) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(code(browser));
        }
        return codes;
    }

    private String code(OAuthBrowser browser) {
        URI back = browser.authorizeAndAllow(Map.of("client_id", app, "redirect_uri", REDIRECT, "response_type", "code", "state", "b"));
        return OAuthBrowser.param(back, "code");
    }

    private Tokens exchange(String code) throws Exception {
        return call(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
    }

    private Tokens call(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder("client_id=" + app + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
        form.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        LoopbackHttp.Response response = connection.get().postForm("/v2/oauth/token", body.toString());
        if (response.status() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.status() + ": " + response.body());
        }
        return new Tokens(jsonString(response.body(), "access_token"), jsonString(response.body(), "refresh_token"));
    }

    /** A string member of a flat JSON object (the token response), without a JSON parser's cost in the load generator. */
    static String jsonString(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key);
        if (start < 0) {
            // the answer holds tokens: name what is missing, not the answer
            throw new IllegalStateException("no " + name + " in the answer");
        }
        start += key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Signatures per second of a typical access token with 2 threads, the ceiling of any grant. */
    private static double rawSigningRate() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        RSASSASigner signer = new RSASSASigner(key);
        JWTClaimsSet claims = typicalTokenClaims();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").type(new JOSEObjectType("at+jwt")).build();
        return twoThreadRate(() -> new SignedJWT(header, claims).sign(signer));
    }

    /** Claims the size of an access token Lanyard mints, for the raw rates (the signature's cost barely depends on them). */
    private static JWTClaimsSet typicalTokenClaims() {
        return new JWTClaimsSet.Builder().issuer("http://127.0.0.1:8080").subject(UUID.randomUUID().toString())
                .audience("bench").claim("scope", "all").expirationTime(new Date(System.currentTimeMillis() + 7_200_000))
                .issueTime(new Date()).jwtID(UUID.randomUUID().toString()).claim("customJson", "{\"domainId\":\"default\"}").build();
    }

    interface Operation {
        void run() throws Exception;
    }

    /**
     * How often two threads together do the operation per second, over five seconds, after 500 runs to warm it up: a
     * reading taken on code the JIT has not compiled yet is low, and flatters the ratio it is the reference of.
     */
    private static double twoThreadRate(Operation operation) throws Exception {
        for (int i = 0; i < 500; i++) {
            operation.run();
        }
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(5).toNanos();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        operation.run();
                        count.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }
}
