package dev.lanyard.usersystem.mobile;

import dev.lanyard.domain.SettingsReader;
import dev.lanyard.sms.GatewayConfig;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A domain's settings of the mobile user system (the {@code settings} object of {@code user_systems.mobile}), every
 * limit with a safe default. Documented in docs/mobile.md.
 */
public record MobileSettings(
        boolean autoRegister,
        String defaultRegion,
        Set<String> allowedRegions,
        Duration codeLifetime,
        int maxAttempts,
        Duration sendInterval,
        int sendsPerNumberPerHour,
        int sendsPerIpPerHour,
        int dailyBudget,
        int breakerFailures,
        Duration breakerOpen,
        String message,
        List<GatewayConfig> gateways) {

    public static final String USER_SYSTEM = "mobile";

    private static final Set<String> FIELDS = Set.of("auto_register", "default_region", "allowed_regions",
            "code_ttl_seconds", "max_attempts", "send_interval_seconds", "sends_per_number_per_hour", "sends_per_ip_per_hour",
            "daily_budget", "breaker_failures", "breaker_open_seconds", "message", "gateways");

    public static final String DEFAULT_MESSAGE = "Your sign-in code is {code}. It expires in {minutes} minutes. Never share it.";

    /** The defaults, as a domain without settings gets them. */
    public static MobileSettings defaults() {
        return parse(JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Parses and checks; the message of an IllegalArgumentException starts with the field's path. */
    public static MobileSettings parse(JsonObject json) {
        SettingsReader settings = new SettingsReader(json, "", FIELDS);
        String defaultRegion = settings.string("default_region", "86");
        checkRegion(defaultRegion, "default_region");
        List<String> allowed = settings.strings("allowed_regions", "[1-9][0-9]{0,2}",
                "a country calling code such as \"86\" (digits, no +)", List.of("86"));
        List<GatewayConfig> gateways = new ArrayList<>();
        if (json.get("gateways") instanceof JsonArray array) {
            if (array.isEmpty() || array.size() > 2) {
                throw new IllegalArgumentException("gateways: list one gateway, or two for failover");
            }
            for (int i = 0; i < array.size(); i++) {
                gateways.add(GatewayConfig.parse(array.get(i), "gateways[" + i + "]"));
            }
        } else if (json.containsKey("gateways")) {
            throw new IllegalArgumentException("gateways: must be a list");
        } else {
            gateways.add(new GatewayConfig(GatewayConfig.OUTBOX, JsonValue.EMPTY_JSON_OBJECT));
        }
        String message = settings.string("message", DEFAULT_MESSAGE);
        if (!message.contains("{code}") || message.length() > 500) {
            throw new IllegalArgumentException("message: must contain {code} and have at most 500 characters");
        }
        return new MobileSettings(
                settings.bool("auto_register", true),
                defaultRegion,
                Set.copyOf(allowed),
                settings.seconds("code_ttl_seconds", 300, 30, 900),
                settings.number("max_attempts", 5, 1, 10),
                settings.seconds("send_interval_seconds", 60, 0, 3600),
                settings.number("sends_per_number_per_hour", 10, 1, 100),
                settings.number("sends_per_ip_per_hour", 50, 1, 10_000),
                settings.number("daily_budget", 1000, 0, 10_000_000),
                settings.number("breaker_failures", 3, 1, 100),
                settings.seconds("breaker_open_seconds", 60, 1, 3600),
                message,
                List.copyOf(gateways));
    }

    private static void checkRegion(String region, String path) {
        if (region == null || !region.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException(path + ": must be a country calling code such as \"86\" (digits, no +)");
        }
    }

    /** The text of the SMS for a code (gateways with provider-side templates send the code alone). */
    public String messageFor(String code) {
        return message.replace("{code}", code).replace("{minutes}", Long.toString(Math.max(1, codeLifetime.toMinutes())));
    }
}
