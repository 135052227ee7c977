package dev.lanyard.domain;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.security.SecretCipher;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Secrets inside user-system (and upstream) settings (a provider's AccessKey secret, a webhook signing secret, a
 * private key): every field whose name ends in "secret" or is "private_key", at any depth, is stored sealed with the
 * master key ({@code sealed:v1:...}), opened only in memory when it is needed, and left out of exports.
 */
public final class UserSystemSecrets {

    static final String SEALED = "sealed:";

    private UserSystemSecrets() {
    }

    public static boolean isSecretField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("secret") || lower.equals("private_key");
    }

    /**
     * The settings to store: plain secrets sealed. Where the stored settings already hold a sealed value at the same
     * place that opens to the same secret, that value is kept, so importing the same file twice changes nothing.
     */
    public static String seal(SecretCipher cipher, String domainId, String userSystem, String settingsJson, String storedJson) {
        JsonObject stored = storedJson == null ? JsonValue.EMPTY_JSON_OBJECT : parse(storedJson);
        String purpose = purpose(domainId, userSystem);
        JsonValue sealed = walk(parse(settingsJson), stored, (plain, previous) -> {
            if (plain.startsWith(SEALED)) {
                cipher.decrypt(purpose, plain.substring(SEALED.length())); // throws when it is not ours
                return plain;
            }
            if (previous != null && previous.startsWith(SEALED)
                    && new String(cipher.decrypt(purpose, previous.substring(SEALED.length())), StandardCharsets.UTF_8).equals(plain)) {
                return previous;
            }
            return SEALED + cipher.encrypt(purpose, plain.getBytes(StandardCharsets.UTF_8));
        });
        return sealed.toString();
    }

    /** The stored settings with their secrets opened, for use in memory only. */
    public static JsonObject open(SecretCipher cipher, String domainId, String userSystem, String storedJson) {
        String purpose = purpose(domainId, userSystem);
        return (JsonObject) walk(parse(storedJson), JsonValue.EMPTY_JSON_OBJECT, (value, previous) -> value.startsWith(SEALED)
                ? new String(cipher.decrypt(purpose, value.substring(SEALED.length())), StandardCharsets.UTF_8) : value);
    }

    /**
     * The stored settings as the settings rules check them: secrets opened (a sealed value stands where the secret
     * is), or an empty object when nothing is stored.
     */
    public static JsonObject openedForCheck(SecretCipher cipher, String domainId, String userSystem, String storedJson) {
        return storedJson == null || storedJson.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : open(cipher, domainId, userSystem, storedJson);
    }

    /** What a page shows where a secret is stored: never the secret, never its sealed form. */
    public static final String MASK = "********";

    /** The stored settings for the console's editor: each stored secret shown as {@link #MASK}. */
    public static JsonObject masked(String storedJson) {
        return (JsonObject) walk(parse(storedJson), JsonValue.EMPTY_JSON_OBJECT, (value, previous) -> MASK);
    }

    /**
     * Settings typed in the console's editor, made ready for {@link #seal}: a secret left as {@link #MASK} keeps the
     * stored (sealed) secret of that place, so secrets are write-only (replaced by typing a new one, never shown).
     *
     * A masked secret is kept only where the endpoints beside it ({@code url}, {@code endpoint}, {@code *_url}) are
     * unchanged: otherwise "Test connection" or the next sign-in would send the stored secret to an address someone
     * just typed, so the secret must be typed again with the new endpoint.
     *
     * @throws IllegalArgumentException when a masked secret has no stored secret to keep, or its endpoint changed
     */
    public static String unmasked(JsonObject typed, String storedJson) {
        JsonObject stored = parse(storedJson);
        requireEndpointsKeptBesideMaskedSecrets(typed, stored, "$");
        return walk(typed, stored, (value, previous) -> {
            if (!MASK.equals(value)) {
                return value;
            }
            if (previous == null) {
                throw new IllegalArgumentException("a secret shown as " + MASK + " has none stored: type the secret");
            }
            return previous;
        }).toString();
    }

    private static void requireEndpointsKeptBesideMaskedSecrets(JsonValue typed, JsonValue stored, String path) {
        if (typed instanceof JsonObject object) {
            JsonObject storedObject = stored instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            boolean keepsAMaskedSecret = object.entrySet().stream()
                    .anyMatch(e -> isSecretField(e.getKey()) && e.getValue() instanceof JsonString s && MASK.equals(s.getString()));
            object.forEach((name, child) -> {
                if (keepsAMaskedSecret && isEndpointField(name) && !child.equals(storedObject.get(name))) {
                    throw new IllegalArgumentException(path + "." + name + " changed: type the secret beside it again"
                            + " (the stored one is not sent to a new endpoint)");
                }
                requireEndpointsKeptBesideMaskedSecrets(child, storedObject.getOrDefault(name, JsonValue.NULL), path + "." + name);
            });
        } else if (typed instanceof JsonArray array) {
            JsonArray storedArray = stored instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            for (int i = 0; i < array.size(); i++) {
                requireEndpointsKeptBesideMaskedSecrets(array.get(i), i < storedArray.size() ? storedArray.get(i) : JsonValue.NULL,
                        path + "[" + i + "]");
            }
        }
    }

    static boolean isEndpointField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("url") || lower.equals("endpoint") || lower.endsWith("_url") || lower.endsWith("_endpoint");
    }

    /** The stored settings without their secrets, for exports and pages. */
    public static JsonObject redact(String storedJson) {
        return (JsonObject) walk(parse(storedJson), JsonValue.EMPTY_JSON_OBJECT, (value, previous) -> null);
    }

    private static String purpose(String domainId, String userSystem) {
        return "user-system-settings:" + domainId + ":" + userSystem;
    }

    private static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** Rebuilds {@code value}, replacing each secret string by {@code change(secret, stored secret at that place)}; null drops it. */
    private static JsonValue walk(JsonValue value, JsonValue stored, BiFunction<String, String, String> change) {
        if (value instanceof JsonObject object) {
            JsonObject storedObject = stored instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            JsonObjectBuilder out = JSON.createObjectBuilder();
            object.forEach((name, child) -> {
                if (isSecretField(name) && child instanceof JsonString secret) {
                    String previous = storedObject.get(name) instanceof JsonString s ? s.getString() : null;
                    String changed = change.apply(secret.getString(), previous);
                    if (changed != null) {
                        out.add(name, changed);
                    }
                } else {
                    out.add(name, walk(child, storedObject.getOrDefault(name, JsonValue.NULL), change));
                }
            });
            return out.build();
        }
        if (value instanceof JsonArray array) {
            JsonArray storedArray = stored instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            JsonArrayBuilder out = JSON.createArrayBuilder();
            for (int i = 0; i < array.size(); i++) {
                out.add(walk(array.get(i), i < storedArray.size() ? storedArray.get(i) : JsonValue.NULL, change));
            }
            return out.build();
        }
        return value;
    }
}
