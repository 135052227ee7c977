package dev.lanyard.usersystem.dingtalk;

import dev.lanyard.domain.SettingsReader;
import dev.lanyard.usersystem.federation.FederatedSettings;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * A domain's settings of DingTalk sign-in ({@code user_systems.dingtalk.settings}), documented in docs/dingtalk-ram.md.
 * The app secret is sealed at rest like every field whose name ends in "secret". Provider URLs default to DingTalk's.
 */
public record DingTalkSettings(
        String appKey,
        String appSecret,
        String corpId,
        boolean autoCreate,
        URI authorizeUrl,
        URI apiBaseUrl,
        Duration timeout,
        Duration tripLifetime,
        int startsPerIpPerHour,
        Duration qrLifetime) implements FederatedSettings {

    public static final String USER_SYSTEM = "dingtalk";

    private static final Set<String> FIELDS = Set.of("app_key", "app_secret", "corp_id", "auto_create", "authorize_url",
            "api_base_url", "timeout_ms", "state_ttl_seconds", "starts_per_ip_per_hour", "qr_ttl_seconds");

    public static DingTalkSettings parse(JsonObject json) {
        SettingsReader settings = new SettingsReader(json, "", FIELDS);
        String corpId = settings.string("corp_id", null);
        if (corpId != null && !corpId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("corp_id: must be a DingTalk corpId (letters, digits, _ and -)");
        }
        return new DingTalkSettings(
                settings.required("app_key"),
                settings.required("app_secret"),
                corpId,
                // open registration only when asked for: without corp_id any DingTalk user could otherwise join
                settings.bool("auto_create", corpId != null),
                settings.url("authorize_url", "https://login.dingtalk.com/oauth2/auth"),
                settings.url("api_base_url", "https://api.dingtalk.com"),
                settings.millis("timeout_ms", 4000, 500, 5000),
                settings.seconds("state_ttl_seconds", 600, 60, 1800),
                settings.number("starts_per_ip_per_hour", 100, 1, 100_000),
                settings.seconds("qr_ttl_seconds", 180, 30, 600));
    }

    @Override
    public String toString() {
        return "DingTalkSettings[" + appKey + "]"; // never the secret
    }
}
