package dev.lanyard.bridge;

import dev.lanyard.domain.SettingsReader;
import jakarta.json.JsonObject;
import java.net.URI;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A domain's upstream PDS-compatible service ({@code upstream} in the domain file, documented in docs/third-party.md):
 * where it is, which of its domains, and how Lanyard proves itself there: as a JWT app (its app_id, kid and private
 * key: assertions for the user) or with an AccessKey pair (get_access_token). With both, the JWT app is used.
 */
public record UpstreamSettings(URI baseUrl, String domainId, Jwt jwt, AccessKeyPair accessKey, Duration timeout) {

    public static final String NAMESPACE = "upstream";

    /** A JWT app at the upstream. */
    public record Jwt(String appId, String kid, PrivateKey privateKey) {
    }

    /** An AccessKey pair at the upstream. */
    public record AccessKeyPair(String id, String secret) {
    }

    public static UpstreamSettings parse(JsonObject json) {
        SettingsReader settings = new SettingsReader(json, "", Set.of("base_url", "domain_id", "jwt", "access_key", "timeout_ms"));
        URI baseUrl = settings.url("base_url", null);
        String domainId = settings.required("domain_id");
        Jwt jwt = null;
        if (json.get("jwt") instanceof JsonObject object) {
            SettingsReader app = new SettingsReader(object, "jwt.", Set.of("app_id", "kid", "private_key"));
            jwt = new Jwt(app.required("app_id"), app.string("kid", null), privateKey(app.required("private_key")));
        }
        AccessKeyPair accessKey = null;
        if (json.get("access_key") instanceof JsonObject object) {
            SettingsReader key = new SettingsReader(object, "access_key.", Set.of("id", "secret"));
            accessKey = new AccessKeyPair(key.required("id"), key.required("secret"));
        }
        if (jwt == null && accessKey == null) {
            throw new IllegalArgumentException("jwt or access_key: one of them is required");
        }
        return new UpstreamSettings(baseUrl, domainId, jwt, accessKey, settings.millis("timeout_ms", 5000, 500, 30_000));
    }

    /** A PKCS #8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC. */
    static PrivateKey privateKey(String pem) {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("jwt.private_key: not a PKCS #8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jwt.private_key: the PEM body is not base64");
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisOne) {
                // try the next
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("jwt.private_key: neither an RSA nor an EC private key");
    }

    @Override
    public String toString() {
        return "UpstreamSettings[" + baseUrl + ", " + domainId + "]"; // never a key or a secret
    }
}
