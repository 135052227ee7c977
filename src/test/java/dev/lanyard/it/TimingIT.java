package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals that must not be told apart by timing, measured over many samples, interleaved (so the machine's noise
 * falls on both alike) and compared at the median: a wrong password for a known account against an unknown account,
 * and an unknown AccessKey against a disabled one and against a bad signature. The tolerance (a quarter of the median,
 * at least 3 ms) is honest for a shared 2-core machine: the difference it guards against is a whole password hash or
 * a skipped database read, which is many times that here.
 */
class TimingIT {

    private static final int SAMPLES = Integer.getInteger("timing.samples", 400);
    private static final String KEY_ID = "timing-key";
    private static final String KEY_SECRET = "timing-key-secret-0123456789";
    private static LanyardServer server;
    private static TestDatabase database;
    private static String disabledKeyId;
    private static String disabledKeySecret;

    @BeforeAll
    static void aServer() throws Exception {
        database = TestDatabase.fresh("timing");
        // an honest hash that still allows hundreds of samples per minute
        server = LanyardServer.onTestDatabase("timing", database, Map.of("LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD,
                "LANYARD_PASSWORD_ITERATIONS", "50000",
                "LANYARD_BOOTSTRAP_ACCESS_KEY_ID", KEY_ID, "LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET", KEY_SECRET)).start();
        // the known account's hash is made by the server (its iteration count), as for any account it created
        HttpResponse<String> imported = new AcsSigner(server, null, KEY_ID, KEY_SECRET).post("/v2/domain/import",
                "{\"domain_id\": \"default\", \"users\": [{\"user_id\": \"known-person\", \"password\": \"known-person-password-1\"}]}",
                true).send();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        // a second key, created and disabled over the API as an operator would
        HttpResponse<String> created = new AcsSigner(server, null, KEY_ID, KEY_SECRET)
                .post("/v2/access_key/create", "{\"role\": \"admin\", \"description\": \"disabled twin\"}", true).send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        disabledKeyId = jakarta.json.Json.createReader(new java.io.StringReader(created.body())).readObject().getString("access_key_id");
        disabledKeySecret = jakarta.json.Json.createReader(new java.io.StringReader(created.body())).readObject().getString("access_key_secret");
        HttpResponse<String> disabled = new AcsSigner(server, null, KEY_ID, KEY_SECRET).post("/v2/access_key/update",
                "{\"access_key_id\": \"" + disabledKeyId + "\", \"status\": \"disabled\"}", true).send();
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aKnownAccountWithAWrongPasswordTakesAsLongAsAnUnknownOne() {
        WebSession browser = new WebSession(server);
        Document page = browser.page("/login.xhtml");
        Supplier<Integer> known = () -> browser.submit(page, "login", Map.of("username", "known-person", "password", "wrong-password-1")).statusCode();
        Supplier<Integer> unknown = () -> browser.submit(page, "login", Map.of("username", "nobody-here", "password", "wrong-password-1")).statusCode();
        // the known account locks after five failures; a locked account costs the same hash, so it still counts
        compare("known account, wrong password", known, "unknown account", unknown, 401);
    }

    @Test
    void anUnknownAccessKeyADisabledOneAndABadSignatureTakeAlike() {
        Supplier<Integer> unknown = () -> signed("timing-unknown", KEY_SECRET);
        Supplier<Integer> disabled = () -> signed(disabledKeyId, disabledKeySecret);
        Supplier<Integer> badSignature = () -> signed(KEY_ID, "not-the-secret-of-this-key-0");
        compare("unknown AccessKey", unknown, "disabled AccessKey", disabled, 401);
        compare("unknown AccessKey", unknown, "bad signature", badSignature, 401);
    }

    @Test
    void aSuccessfulSignInReplacesAHashOfAnotherIterationCount() throws Exception {
        // seeded with Lanyard's default of 210,000 iterations; this server makes hashes of 50,000
        database.createPasswordUser("default", "old-hash", "old-hash-password-1", "USER", "ENABLED");
        String before = database.string("SELECT secret_hash FROM identities WHERE identity_value = 'old-hash'");
        assertThat(before).startsWith("pbkdf2-sha256$210000$");
        assertThat(new WebSession(server).login("old-hash", "old-hash-password-1").statusCode()).isEqualTo(302);
        String after = database.string("SELECT secret_hash FROM identities WHERE identity_value = 'old-hash'");
        assertThat(after).startsWith("pbkdf2-sha256$50000$");
        assertThat(new WebSession(server).login("old-hash", "old-hash-password-1").statusCode()).as("the new hash verifies").isEqualTo(302);
        assertThat(new WebSession(server).login("old-hash", "wrong-password-1").statusCode()).isEqualTo(401);
    }

    private static int signed(String keyId, String secret) {
        try {
            HttpResponse<String> response = new AcsSigner(server, null, keyId, secret).post("/v2/user/get", "{\"user_id\": \"x\"}", true).send();
            return response.statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Interleaved samples of both, after a warm-up; their medians must be within the tolerance. */
    private static void compare(String nameA, Supplier<Integer> a, String nameB, Supplier<Integer> b, int expectedStatus) {
        for (int i = 0; i < 50; i++) {
            a.get();
            b.get();
        }
        List<Long> timesA = new ArrayList<>();
        List<Long> timesB = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            // alternate which goes first, so a pattern in the noise cannot favour one
            boolean aFirst = i % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean runA = (turn == 0) == aFirst;
                long started = System.nanoTime();
                int status = runA ? a.get() : b.get();
                long micros = (System.nanoTime() - started) / 1000;
                assertThat(status).isEqualTo(expectedStatus);
                (runA ? timesA : timesB).add(micros);
            }
        }
        double medianA = median(timesA) / 1000.0;
        double medianB = median(timesB) / 1000.0;
        double tolerance = Math.max(3.0, 0.25 * Math.max(medianA, medianB));
        System.out.printf("timing: %s median %.2f ms, %s median %.2f ms over %d samples each (tolerance %.2f ms)%n",
                nameA, medianA, nameB, medianB, SAMPLES, tolerance);
        assertThat(Math.abs(medianA - medianB)).as("%s %.2f ms vs %s %.2f ms", nameA, medianA, nameB, medianB).isLessThanOrEqualTo(tolerance);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
