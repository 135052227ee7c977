package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Past capacity a node turns the excess away at once instead of queueing everyone: a server whose API admits one
 * request at a time and hashes one password at a time (and slowly), held busy by an import that hashes a password.
 * Meanwhile API calls get 503 with Retry-After in their own error shapes, reads are never held back, a sign-in gets
 * the "busy" page with 503 and counts no failure, and everything works again once the import is done.
 */
class OverloadIT {

    private static final String KEY_ID = "overload-key";
    private static final String KEY_SECRET = "overload-key-secret-0123456789";
    private static final String ADMIN_PASSWORD = "overload-admin-password-1";
    private static LanyardServer server;

    @BeforeAll
    static void aServerWithTinyLimits() {
        TestDatabase database = TestDatabase.fresh("overload");
        server = LanyardServer.onTestDatabase("overload", database, Map.of(
                "LANYARD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "LANYARD_BOOTSTRAP_ACCESS_KEY_ID", KEY_ID,
                "LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET", KEY_SECRET,
                // one hash takes a few seconds here, and only one runs at a time, with no queue
                "LANYARD_PASSWORD_ITERATIONS", "6000000",
                "LANYARD_PASSWORD_MAX_CONCURRENT", "1",
                "LANYARD_PASSWORD_MAX_WAITING", "0",
                "LANYARD_ADMISSION_MAX_CONCURRENT", "1",
                "LANYARD_ADMISSION_MAX_WAITING", "1",
                "LANYARD_ADMISSION_QUEUE_WAIT_MS", "200")).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void whileTheApiIsFullCallsAreTurnedAwayAtOnceWithRetryAfterAndReadsStillWork() throws Exception {
        CompletableFuture<HttpResponse<String>> slowImport = anImportHoldingTheApi();

        long started = System.nanoTime();
        HttpResponse<String> token = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", "no-such-token", "client_id", "BasicUI"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(503);
        assertThat(token.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(token.body()).contains("\"error\":\"temporarily_unavailable\"");
        assertThat(waited).as("turned away at once, not queued").isLessThan(Duration.ofMillis(900));

        HttpResponse<String> pds = signed("/v2/user/get", "{\"user_id\": \"anyone\"}");
        assertThat(pds.statusCode()).isEqualTo(503);
        assertThat(pds.body()).contains("\"code\":\"ServiceUnavailable\"");
        assertThat(pds.headers().firstValue("Retry-After")).hasValue("1");

        HttpResponse<String> jwks = new WebSession(server).get("/v2/oauth/jwks");
        assertThat(jwks.statusCode()).as("reads are never held back").isEqualTo(200);
        assertThat(new WebSession(server).get("/.well-known/openid-configuration").statusCode()).isEqualTo(200);

        assertThat(slowImport.get().statusCode()).as(slowImport.get().body()).isEqualTo(200);
        HttpResponse<String> after = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", "no-such-token", "client_id", "BasicUI"));
        assertThat(after.statusCode()).as("admitted again: the grant itself answers").isBetween(400, 401);
        assertThat(after.body()).doesNotContain("temporarily_unavailable");
    }

    @Test
    void whileHashingIsFullASignInGetsTheBusyPageAndCountsNoFailure() throws Exception {
        CompletableFuture<HttpResponse<String>> slowImport = anImportHoldingTheApi();
        Thread.sleep(300); // past its few database steps: the import now hashes with the only hashing slot

        WebSession browser = new WebSession(server);
        HttpResponse<String> busy = browser.login("admin", ADMIN_PASSWORD);
        assertThat(busy.statusCode()).as(browser.describeLast()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Jsoup.parse(busy.body()).select("#messages").text()).contains("Too many sign-ins at this moment");

        assertThat(slowImport.get().statusCode()).isEqualTo(200);
        HttpResponse<String> signedIn = browser.login("admin", ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).as("the same sign-in works once hashing is free: nothing was counted against it")
                .isEqualTo(302);
    }

    /**
     * Starts an import and returns it once it holds the API's only slot (a probe is then refused). On a cold server the
     * first probe can reach the slot before the import and hold it longer than the import may wait for it: the import
     * is then turned away with 503, and is started again (three times at most). Any other early end fails the test.
     */
    private static CompletableFuture<HttpResponse<String>> anImportHoldingTheApi() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            CompletableFuture<HttpResponse<String>> slowImport = importWithAPassword();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!slowImport.isDone()) {
                if (signed("/v2/domain/get", "{}").statusCode() == 503) {
                    return slowImport; // the probes go one after another: only the import can hold the slot now
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the import never held the API's slot");
                }
                Thread.sleep(20);
            }
            HttpResponse<String> ended = slowImport.join();
            if (ended.statusCode() != 503) {
                throw new AssertionError("the import ended before the test could see it busy: " + ended.statusCode() + " "
                        + ended.body());
            }
        }
        throw new AssertionError("the import was turned away three times: a probe held the API's slot each time");
    }

    /** Imports a domain with one user whose password must be hashed: seconds of holding both slots. */
    private static CompletableFuture<HttpResponse<String>> importWithAPassword() {
        String domain = "o" + UUID.randomUUID().toString().substring(0, 8);
        String file = """
                {"domain_id": "%s", "users": [{"user_id": "slow", "password": "slow-to-hash-password-1"}]}
                """.formatted(domain);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return signed("/v2/domain/import", file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static HttpResponse<String> signed(String path, String body) throws Exception {
        return new AcsSigner(server, null, KEY_ID, KEY_SECRET).post(path, body, true).send();
    }
}
