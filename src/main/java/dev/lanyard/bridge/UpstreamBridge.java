package dev.lanyard.bridge;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.accesskey.AcsSignature;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.remote.RestClients;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.token.OpaqueSecrets;
import dev.lanyard.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The token service calling out: a user's token at the domain's upstream PDS-compatible service, obtained by a
 * JWT-bearer assertion Lanyard signs as the upstream's JWT app, or by an AccessKey-signed get_access_token. The user is
 * the same user_id upstream. Settings are read (and their secrets opened) per call: they change rarely and the call is
 * rare next to sign-ins.
 */
@ApplicationScoped
public class UpstreamBridge {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    RestClients restClients;

    @Inject
    TokenService tokens;

    @Inject
    Clock clock;

    /** What the upstream answered: its token response, or its refusal (status and its error code, never a secret). */
    public sealed interface Answer {
        record Token(JsonObject tokenResponse, String via) implements Answer {
        }

        record Refused(int status, String code, String via) implements Answer {
        }
    }

    /** The domain's upstream settings, when it has any. */
    public Optional<UpstreamSettings> settings(String domainId) {
        DomainUpstream stored = em.find(DomainUpstream.class, domainId);
        return stored == null ? Optional.empty()
                : Optional.of(UpstreamSettings.parse(UserSystemSecrets.open(cipher, domainId, UpstreamSettings.NAMESPACE, stored.getSettings())));
    }

    /** Stores (sealing its secrets) or, with null, removes a domain's upstream; true when something changed. */
    @Transactional
    public boolean declare(String domainId, String settingsJson) {
        DomainUpstream stored = em.find(DomainUpstream.class, domainId);
        if (settingsJson == null) {
            if (stored != null) {
                em.remove(stored);
            }
            return stored != null;
        }
        String sealed = UserSystemSecrets.seal(cipher, domainId, UpstreamSettings.NAMESPACE, settingsJson,
                stored == null ? null : stored.getSettings());
        if (stored == null) {
            em.persist(new DomainUpstream(domainId, sealed, clock.instant()));
            return true;
        }
        return stored.replace(sealed, clock.instant());
    }

    /** The stored settings without their secrets, for exports. */
    public Optional<JsonObject> exported(String domainId) {
        DomainUpstream stored = em.find(DomainUpstream.class, domainId);
        return stored == null ? Optional.empty() : Optional.of(UserSystemSecrets.redact(stored.getSettings()));
    }

    /** The user's token upstream. ProcessingException when the upstream cannot be reached in time. */
    public Answer tokenFor(UpstreamSettings upstream, String userId) {
        UpstreamPdsApi api = restClients.client(UpstreamPdsApi.class, upstream.baseUrl(), upstream.timeout(), upstream.timeout());
        if (upstream.jwt() != null) {
            String assertion = tokens.upstreamAssertion(upstream.jwt().appId(), upstream.jwt().kid(), upstream.jwt().privateKey(),
                    userId, upstream.domainId());
            Form form = new Form().param("grant_type", JWT_BEARER).param("assertion", assertion)
                    .param("client_id", upstream.jwt().appId());
            return answer(api.token(form), "jwt-bearer", "error");
        }
        String body = JSON.createObjectBuilder().add("user_id", userId).build().toString();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC));
        String contentMd5 = Base64.getEncoder().encodeToString(md5(body));
        String nonce = OpaqueSecrets.newId();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Accept", "application/json");
        signed.put("Content-Type", "application/json");
        signed.put("Content-MD5", contentMd5);
        signed.put("Date", date);
        signed.put("x-acs-signature-nonce", nonce);
        String signature = AcsSignature.sign(upstream.accessKey().secret(),
                AcsSignature.stringToSign("POST", signed, upstream.baseUrl().getPath().replaceAll("/+$", "") + "/v2/user/get_access_token", Map.of()));
        return answer(api.getAccessToken(body, "acs " + upstream.accessKey().id() + ":" + signature, date, contentMd5, nonce),
                "accesskey", "code");
    }

    private static Answer answer(Response response, String via, String errorField) {
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonObject json = parse(text);
            if (response.getStatus() == 200 && json != null && json.containsKey("access_token")) {
                return new Answer.Token(json, via);
            }
            String code = json == null ? null : json.getString(errorField, null);
            return new Answer.Refused(response.getStatus(), code == null ? "unknown" : code.replaceAll("[^A-Za-z0-9_.-]", "?"), via);
        } catch (ProcessingException unreadable) {
            return new Answer.Refused(502, "unreadable", via);
        }
    }

    private static JsonObject parse(String text) {
        if (text == null || text.isBlank() || text.length() > 64 * 1024) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static byte[] md5(String body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
