package dev.lanyard.setup;

import dev.lanyard.app.AppType;
import dev.lanyard.user.Role;
import dev.lanyard.user.UserStatus;
import java.util.List;
import java.util.Map;

/**
 * One domain as declared in an import file (see docs/import.schema.json), secrets already resolved. A null name
 * (domain or app) keeps the current one; other omitted fields take their documented defaults.
 */
public record DomainSpec(String domainId, String name, Map<String, UserSystemSpec> userSystems, List<AppSpec> apps,
                         List<UserSpec> users, List<AccessKeySpec> accessKeys, Prune prune, String upstreamJson) {

    public record UserSystemSpec(boolean enabled, String settingsJson) {
    }

    /** {@code clientSecret} null means "keep what is stored" (exports leave secrets out). */
    public record AppSpec(String appId, String name, AppType type, List<String> redirectUris, List<String> scopes,
                          String clientSecret, Map<String, String> publicKeys, List<String> userSystems, boolean firstParty,
                          int accessTokenSeconds, int refreshTokenSeconds, boolean enabled, String jwksUrl,
                          boolean serviceTokens, boolean autoCreateUsers) {
    }

    /** {@code password} null means "keep what is stored". */
    public record UserSpec(String userId, String nickName, Role role, UserStatus status, String phone, String email,
                           String password) {
    }

    /** {@code secret} null means "keep what is stored". */
    public record AccessKeySpec(String id, String secret, Role role, String description, boolean enabled) {
    }

    /** Which lists the file owns completely: what it does not name there is deleted. */
    public record Prune(boolean apps, boolean users, boolean accessKeys) {
    }
}
