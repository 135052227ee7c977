package dev.lanyard.sms;

import dev.lanyard.domain.SettingsReader;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One SMS gateway a domain lists, with its settings (secrets already opened, in memory only). Checked when the
 * settings are imported: unknown types and fields, missing credentials, plain-HTTP endpoints off loopback and
 * unbounded timeouts are refused there.
 */
public record GatewayConfig(String type, JsonObject settings) {

    public static final String OUTBOX = "outbox";
    public static final String ALIYUN = "aliyun";
    public static final String WEBHOOK = "webhook";

    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<String, Set<String>> FIELDS = Map.of(
            OUTBOX, Set.of("type"),
            ALIYUN, Set.of("type", "endpoint", "access_key_id", "access_key_secret", "sign_name", "template_code",
                    "region_id", "connect_timeout_ms", "read_timeout_ms"),
            WEBHOOK, Set.of("type", "url", "signing_secret", "connect_timeout_ms", "read_timeout_ms"));

    /** Parses one entry of {@code gateways}; the message of an IllegalArgumentException starts with the path. */
    public static GatewayConfig parse(JsonValue value, String path) {
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException(path + ": must be an object");
        }
        String type = object.get("type") instanceof JsonString s ? s.getString() : null;
        if (type == null || !FIELDS.containsKey(type)) {
            throw new IllegalArgumentException(path + ".type: must be one of outbox, aliyun, webhook");
        }
        for (String key : object.keySet()) {
            if (!FIELDS.get(type).contains(key)) {
                throw new IllegalArgumentException(path + "." + key + ": unknown field for a " + type + " gateway");
            }
        }
        GatewayConfig config = new GatewayConfig(type, object);
        switch (type) {
            case ALIYUN -> {
                config.endpoint(path);
                for (String required : new String[] {"access_key_id", "access_key_secret", "sign_name", "template_code"}) {
                    config.required(required, path);
                }
            }
            case WEBHOOK -> {
                config.endpoint(path);
                if (config.required("signing_secret", path).length() < 16) {
                    throw new IllegalArgumentException(path + ".signing_secret: must have at least 16 characters");
                }
            }
            default -> {
            }
        }
        config.connectTimeout(path);
        config.readTimeout(path);
        return config;
    }

    public String required(String key, String path) {
        String value = settings.get(key) instanceof JsonString s ? s.getString() : null;
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(path + "." + key + ": is required");
        }
        return value;
    }

    public String string(String key) {
        return required(key, "gateway " + type);
    }

    public String string(String key, String fallback) {
        return settings.get(key) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : fallback;
    }

    /** The endpoint: HTTPS, or plain HTTP only on loopback (a fake or a local relay). */
    public URI endpoint(String path) {
        String key = type.equals(WEBHOOK) ? "url" : "endpoint";
        String raw = type.equals(ALIYUN) ? string(key, "https://dysmsapi.aliyuncs.com") : required(key, path);
        return SettingsReader.checkedUrl(raw, path + "." + key);
    }

    public Duration connectTimeout(String path) {
        return timeout("connect_timeout_ms", 2000, path);
    }

    public Duration readTimeout(String path) {
        return timeout("read_timeout_ms", 5000, path);
    }

    private Duration timeout(String key, long defaultMillis, String path) {
        JsonValue value = settings.get(key);
        if (value == null) {
            return Duration.ofMillis(defaultMillis);
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 100
                || n.longValue() > MAX_TIMEOUT.toMillis()) {
            throw new IllegalArgumentException(path + "." + key + ": must be a whole number of milliseconds from 100 to "
                    + MAX_TIMEOUT.toMillis());
        }
        return Duration.ofMillis(n.longValue());
    }

    @Override
    public String toString() {
        return "GatewayConfig[" + type + "]"; // never the settings: they hold secrets
    }
}
