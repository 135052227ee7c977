package dev.lanyard.domain;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one user system's settings object with the checks every one of them needs: no unknown fields, the right
 * types, numbers within bounds, endpoints on HTTPS. An IllegalArgumentException's message starts with the field's
 * path, which the import reports as it is.
 */
public final class SettingsReader {

    private final JsonObject json;
    private final String path;

    /** {@code path} prefixes field names in messages (e.g. {@code gateways[0].}); the settings root has none. */
    public SettingsReader(JsonObject json, String path, Set<String> knownFields) {
        this.json = json;
        this.path = path;
        for (String key : json.keySet()) {
            if (!knownFields.contains(key)) {
                throw new IllegalArgumentException(path + key + ": unknown field");
            }
        }
    }

    public String string(String key, String fallback) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return fallback;
        }
        if (!(value instanceof JsonString s)) {
            throw new IllegalArgumentException(path + key + ": must be a string");
        }
        return s.getString();
    }

    public String required(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(path + key + ": is required");
        }
        return value;
    }

    public boolean bool(String key, boolean fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new IllegalArgumentException(path + key + ": must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    public int number(String key, int fallback, int min, int max) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException(path + key + ": must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    public Duration seconds(String key, int fallback, int min, int max) {
        return Duration.ofSeconds(number(key, fallback, min, max));
    }

    public Duration millis(String key, int fallback, int min, int max) {
        return Duration.ofMillis(number(key, fallback, min, max));
    }

    /** A list of strings, each matching {@code pattern}; {@code fallback} when the field is absent. */
    public List<String> strings(String key, String pattern, String what, List<String> fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException(path + key + ": must be a list of " + what);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String item = array.get(i) instanceof JsonString s ? s.getString() : null;
            if (item == null || !item.matches(pattern)) {
                throw new IllegalArgumentException(path + key + "[" + i + "]: must be " + what);
            }
            values.add(item);
        }
        return List.copyOf(values);
    }

    /** An endpoint of a provider: HTTPS, or plain HTTP only on loopback (a fake or a local relay). */
    public URI url(String key, String fallback) {
        String raw = fallback == null ? required(key) : string(key, fallback);
        return checkedUrl(raw, path + key);
    }

    public static URI checkedUrl(String raw, String label) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": is not a URL");
        }
        String host = uri.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
        if (host == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
            throw new IllegalArgumentException(label + ": must be an https URL (http only on loopback)");
        }
        return uri;
    }
}
