package dev.lanyard.assertion;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.lanyard.app.App;
import dev.lanyard.app.AppPublicKey;
import dev.lanyard.app.PublicKeyPems;
import dev.lanyard.domain.SettingsReader;
import dev.lanyard.remote.RestClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The keys a JWT app signs its assertions with: its uploaded PEMs, parsed once per version of the app, and the keys
 * at its JWKS URL, fetched with a bounded timeout and size, kept for {@code lanyard.assertions.jwks-cache-seconds}
 * (fetched again early, at most every half minute, when an assertion names a kid the set lacks: the app rotated).
 * A fetch that fails yields no keys: the assertion is refused (fail closed).
 */
@ApplicationScoped
public class AppKeys {

    private static final Logger LOG = Logger.getLogger(AppKeys.class.getName());
    private static final int MAX_JWKS_BYTES = 64 * 1024;
    private static final Duration REFETCH_FOR_UNKNOWN_KID = Duration.ofSeconds(30);

    @Inject
    RestClients restClients;

    @Inject
    AssertionSettings settings;

    @Inject
    Clock clock;

    private record Parsed(Instant appVersion, List<JWK> keys) {
    }

    private record Fetched(Instant at, List<JWK> keys) {
    }

    private final Map<String, Parsed> pems = new ConcurrentHashMap<>();
    private final Map<String, Fetched> jwks = new ConcurrentHashMap<>();

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
        Instant now = clock.instant();
        Fetched fetched = jwks.get(app.getJwksUrl());
        boolean stale = fetched == null || fetched.at().plus(settings.jwksCache()).isBefore(now);
        boolean kidMissing = fetched != null && kid != null && fetched.keys().stream().noneMatch(k -> kid.equals(k.getKeyID()))
                && fetched.at().plus(REFETCH_FOR_UNKNOWN_KID).isBefore(now);
        if (stale || kidMissing) {
            fetched = new Fetched(now, fetch(app));
            jwks.put(app.getJwksUrl(), fetched);
        }
        return fetched.keys();
    }

    private List<JWK> fetch(App app) {
        try {
            URI url = SettingsReader.checkedUrl(app.getJwksUrl(), "jwks_url");
            JwksApi api = restClients.client(JwksApi.class, url, settings.jwksTimeout(), settings.jwksTimeout());
            try (Response response = api.get()) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                if (response.getStatus() != 200 || body.length() > MAX_JWKS_BYTES) {
                    LOG.warning(() -> "The JWKS of app " + app.getAppId() + " answered HTTP " + response.getStatus()
                            + " with " + body.length() + " characters: no keys");
                    return List.of();
                }
                return JWKSet.parse(body).getKeys().stream().filter(k -> !k.isPrivate()).toList();
            }
        } catch (ParseException | RuntimeException failed) {
            LOG.warning(() -> "The JWKS of app " + app.getAppId() + " could not be fetched: " + failed.getMessage() + ": no keys");
            return List.of();
        }
    }
}
