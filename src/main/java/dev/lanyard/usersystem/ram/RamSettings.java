package dev.lanyard.usersystem.ram;

import dev.lanyard.domain.SettingsReader;
import dev.lanyard.usersystem.federation.FederatedSettings;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A domain's settings of RAM-user sign-in ({@code user_systems.ram.settings}), documented in docs/dingtalk-ram.md:
 * the Alibaba Cloud OAuth application (a "web application" in the RAM console), the Alibaba Cloud accounts whose RAM
 * users may sign in, and the provider URLs (Alibaba Cloud China's by default; the international site has its own).
 */
public record RamSettings(
        String clientId,
        String clientSecret,
        Set<String> allowedAccountIds,
        boolean autoCreate,
        boolean pkce,
        URI authorizeUrl,
        URI tokenUrl,
        URI userinfoUrl,
        Duration timeout,
        Duration tripLifetime,
        int startsPerIpPerHour) implements FederatedSettings {

    public static final String USER_SYSTEM = "ram";

    private static final Set<String> FIELDS = Set.of("client_id", "client_secret", "allowed_account_ids", "auto_create",
            "pkce", "authorize_url", "token_url", "userinfo_url", "timeout_ms", "state_ttl_seconds", "starts_per_ip_per_hour");

    public static RamSettings parse(JsonObject json) {
        SettingsReader settings = new SettingsReader(json, "", FIELDS);
        List<String> accounts = settings.strings("allowed_account_ids", "[0-9]{1,32}", "an Alibaba Cloud account id (digits)", List.of());
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("allowed_account_ids: is required: list the accounts whose RAM users may sign in");
        }
        return new RamSettings(
                settings.required("client_id"),
                settings.required("client_secret"),
                Set.copyOf(accounts),
                settings.bool("auto_create", true),
                settings.bool("pkce", true),
                settings.url("authorize_url", "https://signin.aliyun.com/oauth2/v1/auth"),
                settings.url("token_url", "https://oauth.aliyun.com/v1/token"),
                settings.url("userinfo_url", "https://oauth.aliyun.com/v1/userinfo"),
                settings.millis("timeout_ms", 4000, 500, 5000),
                settings.seconds("state_ttl_seconds", 600, 60, 1800),
                settings.number("starts_per_ip_per_hour", 100, 1, 100_000));
    }

    @Override
    public String toString() {
        return "RamSettings[" + clientId + "]"; // never the secret
    }
}
