package dev.lanyard.setup;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.accesskey.AccessKey;
import dev.lanyard.accesskey.AccessKeyStatus;
import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppStatus;
import dev.lanyard.domain.Domain;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

/**
 * Writes a domain in the import format. Every secret is left out (client secrets, passwords, AccessKey secrets), so
 * the export can be shared; importing it back keeps the secrets a target already has.
 */
@ApplicationScoped
public class DomainExporter {

    @Inject
    dev.lanyard.bridge.UpstreamBridge bridge;

    @Inject
    DomainService domains;

    @Inject
    AppService apps;

    @Inject
    UserService users;

    @PersistenceContext
    EntityManager em;

    public JsonObject export(String domainId) {
        Domain domain = domains.find(domainId).orElseThrow();
        JsonObjectBuilder systems = JSON.createObjectBuilder();
        for (UserSystemConfig c : domains.userSystems(domainId)) {
            systems.add(c.getUserSystem(), JSON.createObjectBuilder().add("enabled", c.isEnabled())
                    .add("settings", UserSystemSecrets.redact(c.getSettings())));
        }
        JsonArrayBuilder appList = JSON.createArrayBuilder();
        for (App app : apps.page(domainId, 0, Integer.MAX_VALUE)) {
            if (app.isBuiltIn()) {
                continue;
            }
            JsonArrayBuilder keys = JSON.createArrayBuilder();
            app.getPublicKeys().forEach(k -> keys.add(JSON.createObjectBuilder().add("kid", k.getKid()).add("pem", k.getPem())));
            JsonObjectBuilder exported = JSON.createObjectBuilder()
                    .add("app_id", app.getAppId()).add("name", app.getName()).add("type", app.getType().wireName())
                    .add("redirect_uris", strings(app.getRedirectUris())).add("scopes", strings(app.getScopes()))
                    .add("public_keys", keys).add("user_systems", strings(app.getUserSystems()))
                    .add("first_party", app.isFirstParty()).add("access_token_seconds", app.getAccessTokenSeconds())
                    .add("refresh_token_seconds", app.getRefreshTokenSeconds()).add("enabled", app.getStatus() == AppStatus.ENABLED);
            if (app.getType() == dev.lanyard.app.AppType.JWT) {
                exported.add("service_tokens", app.isServiceTokens()).add("auto_create_users", app.isAutoCreateUsers());
                if (app.getJwksUrl() != null) {
                    exported.add("jwks_url", app.getJwksUrl());
                }
            }
            appList.add(exported);
        }
        JsonArrayBuilder userList = JSON.createArrayBuilder();
        for (User user : users.page(domainId, 0, Integer.MAX_VALUE)) {
            JsonObjectBuilder u = JSON.createObjectBuilder().add("user_id", user.getUserId())
                    .add("nick_name", user.getNickName() == null ? user.getUserId() : user.getNickName())
                    .add("role", user.getRole().wireName()).add("status", user.getStatus().wireName());
            if (user.getPhone() != null) {
                u.add("phone", user.getPhone());
            }
            if (user.getEmail() != null) {
                u.add("email", user.getEmail());
            }
            userList.add(u);
        }
        JsonArrayBuilder keyList = JSON.createArrayBuilder();
        for (AccessKey key : em.createQuery("select k from AccessKey k where k.domainId = :d order by k.accessKeyId", AccessKey.class)
                .setParameter("d", domainId).getResultList()) {
            JsonObjectBuilder k = JSON.createObjectBuilder().add("id", key.getAccessKeyId())
                    .add("role", key.getRole().name().toLowerCase(Locale.ROOT)).add("enabled", key.getStatus() == AccessKeyStatus.ENABLED);
            if (key.getDescription() != null) {
                k.add("description", key.getDescription());
            }
            keyList.add(k);
        }
        var exported = JSON.createObjectBuilder().add("domain_id", domainId).add("name", domain.getName())
                .add("user_systems", systems).add("apps", appList).add("users", userList).add("access_keys", keyList);
        bridge.exported(domainId).ifPresent(upstream -> exported.add("upstream", upstream)); // without its key or secret
        return exported.build();
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
