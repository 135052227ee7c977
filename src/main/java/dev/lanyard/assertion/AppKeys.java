package dev.lanyard.assertion;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import dev.lanyard.app.App;
import dev.lanyard.app.AppPublicKey;
import dev.lanyard.app.PublicKeyPems;
import dev.lanyard.domain.SettingsReader;
import dev.lanyard.remote.RestClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The keys a JWT app signs its assertions with: its uploaded PEMs, parsed once per version of the app, and the keys
 * at its JWKS URL, fetched with a bounded timeout and size, kept for {@code lanyard.assertions.jwks-cache-seconds}
 * (fetched again early, at most every half minute, when an assertion names a kid the set lacks: the app rotated).
 * One fetch per URL at a time. A fetch that fails keeps the last good set, for at most
 * {@code lanyard.assertions.jwks-max-stale-seconds} after it was fetched, and is tried again after half a minute;
 * with no good set the assertion is refused (fail closed). Only signing keys ({@code use} sig or none) are used.
 */
@ApplicationScoped
public class AppKeys {

    private static final Logger LOG = Logger.getLogger(AppKeys.class.getName());
    private static final int MAX_JWKS_BYTES = 64 * 1024;
    private static final Duration REFETCH_FOR_UNKNOWN_KID = Duration.ofSeconds(30);
    private static final Duration REFETCH_AFTER_FAILURE = Duration.ofSeconds(30);

    @Inject
    RestClients restClients;

    @Inject
    AssertionSettings settings;

    @Inject
    Clock clock;

    private record Parsed(Instant appVersion, List<JWK> keys) {
    }

    /** A fetch: when it was made, when keys were last fetched well, when to fetch again, the keys in use. */
    private record Fetched(Instant at, Instant goodAt, Instant nextFetch, List<JWK> keys) {
    }

    private final Map<String, Parsed> pems = new ConcurrentHashMap<>();
    private final Map<String, Fetched> jwks = new ConcurrentHashMap<>();
    /** One fetch per URL at a time: an unknown kid or an expiry must not send every waiting request to the URL. */
    private final Map<String, ReentrantLock> fetching = new ConcurrentHashMap<>();

    /** The key with this kid, or the app's only key when the assertion names none. */
    public Optional<JWK> find(App app, String kid) {
        List<JWK> keys = new ArrayList<>(uploaded(app));
        keys.addAll(published(app, kid));
        if (kid == null) {
            return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
        }
        return keys.stream().filter(k -> kid.equals(k.getKeyID())).findFirst();
    }

    private List<JWK> uploaded(App app) {
        String cacheKey = app.getDomainId() + "\u0000" + app.getAppId();
        Parsed parsed = pems.get(cacheKey);
        if (parsed == null || !parsed.appVersion().equals(app.getUpdatedAt())) {
            List<JWK> keys = new ArrayList<>();
            for (AppPublicKey key : app.getPublicKeys()) {
                try {
                    keys.add(PublicKeyPems.parse(key.getPem(), key.getKid()));
                } catch (IllegalArgumentException unusable) {
                    LOG.warning(() -> "Key " + key.getKid() + " of app " + app.getAppId() + " is not usable: " + unusable.getMessage());
                }
            }
            parsed = new Parsed(app.getUpdatedAt(), List.copyOf(keys));
            pems.put(cacheKey, parsed);
        }
        return parsed.keys();
    }

    private List<JWK> published(App app, String kid) {
        if (app.getJwksUrl() == null) {
            return List.of();
        }
        String url = app.getJwksUrl();
        Fetched fetched = jwks.get(url);
        if (!dueForFetch(fetched, kid)) {
            return usableKeys(fetched);
        }
        ReentrantLock lock = fetching.computeIfAbsent(url, u -> new ReentrantLock());
        if (fetched != null && !lock.tryLock()) {
            return usableKeys(fetched); // another request is fetching this URL: use what we have meanwhile
        }
        if (fetched == null) {
            lock.lock(); // nothing to use yet: wait for the fetch under way, or make it
        }
        try {
            fetched = jwks.get(url);
            if (dueForFetch(fetched, kid)) {
                fetched = fetchedAfter(fetched, fetch(app));
                jwks.put(url, fetched);
            }
            return usableKeys(fetched);
        } finally {
            lock.unlock();
        }
    }

    /** Stale, never fetched, or lacking the kid asked for (the app may have rotated) and not fetched just now. */
    private boolean dueForFetch(Fetched fetched, String kid) {
        Instant now = clock.instant();
        if (fetched == null || !fetched.nextFetch().isAfter(now)) {
            return true;
        }
        return kid != null && fetched.keys().stream().noneMatch(k -> kid.equals(k.getKeyID()))
                && fetched.at().plus(REFETCH_FOR_UNKNOWN_KID).isBefore(now);
    }

    /**
     * What a fetch leaves in the cache: a good set for {@code jwks-cache-seconds}; after a failure the last good set
     * stays (a short outage of the app's key server does not stop its sign-ins) and the fetch is tried again soon.
     */
    private Fetched fetchedAfter(Fetched previous, Optional<List<JWK>> result) {
        Instant now = clock.instant();
        if (result.isPresent()) {
            return new Fetched(now, now, now.plus(settings.jwksCache()), result.get());
        }
        List<JWK> kept = previous == null ? List.of() : previous.keys();
        Instant goodAt = previous == null ? Instant.EPOCH : previous.goodAt();
        return new Fetched(now, goodAt, now.plus(REFETCH_AFTER_FAILURE), kept);
    }

    /** The keys, unless the last good fetch is older than {@code jwks-max-stale-seconds}: then none (fail closed). */
    private List<JWK> usableKeys(Fetched fetched) {
        return fetched.goodAt().plus(settings.jwksMaxStale()).isAfter(clock.instant()) ? fetched.keys() : List.of();
    }

    /** The set's signing keys, or empty when the URL did not give a usable set. */
    private Optional<List<JWK>> fetch(App app) {
        try {
            URI url = SettingsReader.checkedUrl(app.getJwksUrl(), "jwks_url");
            JwksApi api = restClients.client(JwksApi.class, url, settings.jwksTimeout(), settings.jwksTimeout());
            try (Response response = api.get()) {
                byte[] body = response.hasEntity() ? readAtMost(response.readEntity(InputStream.class)) : new byte[0];
                if (response.getStatus() != 200 || body.length > MAX_JWKS_BYTES) {
                    LOG.warning(() -> "The JWKS of app " + app.getAppId() + " answered HTTP " + response.getStatus()
                            + (body.length > MAX_JWKS_BYTES ? " with more than " + MAX_JWKS_BYTES + " bytes" : "")
                            + ": not used");
                    return Optional.empty();
                }
                return Optional.of(JWKSet.parse(new String(body, StandardCharsets.UTF_8)).getKeys().stream()
                        .filter(k -> !k.isPrivate())
                        .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                        .toList());
            }
        } catch (ParseException | IOException | RuntimeException failed) {
            LOG.warning(() -> "The JWKS of app " + app.getAppId() + " could not be fetched: " + failed.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] readAtMost(InputStream stream) throws IOException {
        try (stream) {
            return stream.readNBytes(MAX_JWKS_BYTES + 1);
        }
    }
}
