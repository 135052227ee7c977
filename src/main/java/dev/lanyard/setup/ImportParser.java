package dev.lanyard.setup;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import dev.lanyard.app.PublicKeyPems;
import dev.lanyard.app.RedirectUriRules;
import dev.lanyard.bridge.UpstreamSettings;
import dev.lanyard.domain.SettingsReader;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.user.Role;
import dev.lanyard.user.UserStatus;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an import file strictly: every field is known (an unknown one is an error naming its JSON path, never
 * ignored), every value is checked, secret references are resolved. The first problem stops the import.
 */
public final class ImportParser {

    /** Shorter client secrets, passwords and AccessKey secrets are refused. */
    public static final int MIN_SECRET_LENGTH = 16;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String source;
    private final SecretReferences secrets;

    public ImportParser(String source, SecretReferences secrets) {
        this.source = source;
        this.secrets = secrets;
    }

    public DomainSpec parse(String text) {
        JsonObject root;
        try {
            JsonValue value = JSON.createReader(new StringReader(text)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ImportException(source, "$", "the file must hold one JSON object (a domain)");
            }
            root = value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new ImportException(source, "$", "malformed JSON at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber());
        } catch (JsonException e) {
            throw new ImportException(source, "$", "malformed JSON");
        }
        Node domain = new Node(root, "$", Set.of("domain_id", "name", "user_systems", "apps", "users", "access_keys", "prune",
                "upstream"));
        String domainId = domain.requiredString("domain_id");
        if (!dev.lanyard.domain.Domain.ID.matcher(domainId).matches()) {
            throw error("$.domain_id", "must be lower-case letters, digits and dashes (a host name label)");
        }
        String name = domain.optionalString("name", null); // absent: keep the current name (a new domain takes its id)

        Map<String, DomainSpec.UserSystemSpec> userSystems = new LinkedHashMap<>();
        Node systems = domain.optionalObject("user_systems");
        if (systems != null) {
            for (String key : systems.object.keySet()) {
                if (!UserSystemSettingsRules.exists(key)) {
                    throw error(systems.path + "." + key, "unknown user system (password, mobile, dingtalk, ram)");
                }
                Node system = systems.object(key, Set.of("enabled", "settings"));
                JsonObject settings = system.object.containsKey("settings") ? system.object.get("settings") instanceof JsonObject o ? o
                        : failObject(system.path + ".settings") : JsonValue.EMPTY_JSON_OBJECT;
                settings = (JsonObject) resolveSecretFields(settings, system.path + ".settings");
                String problem = UserSystemSettingsRules.problemWith(key, settings);
                if (problem != null) {
                    throw error(system.path + ".settings", problem);
                }
                userSystems.put(key, new DomainSpec.UserSystemSpec(system.optionalBoolean("enabled", true), settings.toString()));
            }
        }

        List<DomainSpec.AppSpec> apps = new ArrayList<>();
        Set<String> appIds = new HashSet<>();
        Set<String> appNames = new HashSet<>();
        List<Node> appNodes = domain.objects("apps", Set.of("app_id", "name", "type", "redirect_uris", "scopes", "client_secret",
                "public_keys", "user_systems", "first_party", "access_token_seconds", "refresh_token_seconds", "enabled",
                "jwks_url", "service_tokens", "auto_create_users"));
        for (Node app : appNodes) {
            String appId = app.requiredString("app_id");
            if (!ID.matcher(appId).matches()) {
                throw error(app.path + ".app_id", "must be 1 to 64 letters, digits, dots, dashes or underscores");
            }
            if (!appIds.add(appId)) {
                throw error(app.path + ".app_id", "duplicate app_id " + appId);
            }
            String appName = app.optionalString("name", null); // absent: keep the current name (a new app takes its id)
            if (!appNames.add(appName == null ? appId : appName)) {
                throw error(app.path + ".name", "duplicate app name " + appName);
            }
            String typeName = app.requiredString("type");
            AppType type = AppType.fromWireName(typeName).orElseThrow(() ->
                    error(app.path + ".type", "unknown app type " + typeName + " (WebServer, WebBrowser, Native or JWT)"));
            List<String> redirectUris = app.strings("redirect_uris");
            for (int i = 0; i < redirectUris.size(); i++) {
                checkRedirectUri(redirectUris.get(i), app.path + ".redirect_uris[" + i + "]");
            }
            String clientSecret = app.optionalSecret("client_secret");
            if (clientSecret != null && type != AppType.WEB_SERVER) {
                throw error(app.path + ".client_secret", "only WebServer apps have a client secret");
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (Node key : app.objects("public_keys", Set.of("kid", "pem"))) {
                String kid = key.requiredString("kid");
                if (!ID.matcher(kid).matches()) {
                    throw error(key.path + ".kid", "must be 1 to 64 letters, digits, dots, dashes or underscores");
                }
                String pem = key.requiredResolved("pem");
                checkPublicKeyPem(pem, key.path + ".pem");
                if (keys.put(kid, pem.trim()) != null) {
                    throw error(key.path + ".kid", "duplicate kid " + kid);
                }
            }
            if (!keys.isEmpty() && type != AppType.JWT) {
                throw error(app.path + ".public_keys", "only JWT apps have public keys");
            }
            String jwksUrl = app.optionalString("jwks_url", null);
            boolean serviceTokens = app.optionalBoolean("service_tokens", false);
            boolean autoCreateUsers = app.optionalBoolean("auto_create_users", false);
            if ((jwksUrl != null || serviceTokens || autoCreateUsers) && type != AppType.JWT) {
                throw error(app.path, "jwks_url, service_tokens and auto_create_users are for JWT apps");
            }
            if (jwksUrl != null) {
                try {
                    SettingsReader.checkedUrl(jwksUrl, app.path + ".jwks_url");
                } catch (IllegalArgumentException bad) {
                    throw error(app.path + ".jwks_url", "must be an https URL (http only on loopback)");
                }
            }
            int access = app.optionalInt("access_token_seconds", App.DEFAULT_ACCESS_TOKEN_SECONDS,
                    App.MIN_ACCESS_TOKEN_SECONDS, App.MAX_ACCESS_TOKEN_SECONDS);
            int refresh = app.optionalInt("refresh_token_seconds", App.DEFAULT_REFRESH_TOKEN_SECONDS,
                    App.MIN_REFRESH_TOKEN_SECONDS, App.MAX_REFRESH_TOKEN_SECONDS);
            List<String> scopes = app.strings("scopes");
            String scopeProblem = App.problemWithScopes(scopes);
            if (scopeProblem != null) {
                throw error(app.path + ".scopes", scopeProblem);
            }
            apps.add(new DomainSpec.AppSpec(appId, appName, type, redirectUris, scopes, clientSecret, keys,
                    app.strings("user_systems"), app.optionalBoolean("first_party", false), access, refresh,
                    app.optionalBoolean("enabled", true), jwksUrl, serviceTokens, autoCreateUsers));
        }

        List<DomainSpec.UserSpec> users = new ArrayList<>();
        Set<String> userIds = new HashSet<>();
        for (Node user : domain.objects("users", Set.of("user_id", "nick_name", "role", "status", "phone", "email", "password"))) {
            String userId = user.requiredString("user_id");
            if (!ID.matcher(userId).matches()) {
                throw error(user.path + ".user_id", "must be 1 to 64 letters, digits, dots, dashes or underscores");
            }
            if (!userIds.add(userId)) {
                throw error(user.path + ".user_id", "duplicate user_id " + userId);
            }
            Role role = user.enumValue("role", Role.class, Role.USER);
            UserStatus status = user.enumValue("status", UserStatus.class, UserStatus.ENABLED);
            String email = user.optionalString("email", null);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
                throw error(user.path + ".email", "not an e-mail address");
            }
            users.add(new DomainSpec.UserSpec(userId, user.optionalString("nick_name", userId), role, status,
                    user.optionalString("phone", null), email, user.optionalSecret("password")));
        }

        List<DomainSpec.AccessKeySpec> accessKeys = new ArrayList<>();
        Set<String> keyIds = new HashSet<>();
        for (Node key : domain.objects("access_keys", Set.of("id", "secret", "role", "description", "enabled"))) {
            String id = key.requiredString("id");
            if (!ID.matcher(id).matches()) {
                throw error(key.path + ".id", "must be 1 to 64 letters, digits, dots, dashes or underscores");
            }
            if (!keyIds.add(id)) {
                throw error(key.path + ".id", "duplicate AccessKey id " + id);
            }
            Role role = key.enumValue("role", Role.class, Role.ADMIN);
            if (!role.isAdministrator()) {
                throw error(key.path + ".role", "an AccessKey is admin or superadmin");
            }
            accessKeys.add(new DomainSpec.AccessKeySpec(id, key.optionalSecret("secret"), role,
                    key.optionalString("description", null), key.optionalBoolean("enabled", true)));
        }

        Node prune = domain.optionalObject("prune");
        DomainSpec.Prune pruneSpec = new DomainSpec.Prune(false, false, false);
        if (prune != null) {
            Node checked = new Node(prune.object, prune.path, Set.of("apps", "users", "access_keys"));
            pruneSpec = new DomainSpec.Prune(checked.optionalBoolean("apps", false), checked.optionalBoolean("users", false),
                    checked.optionalBoolean("access_keys", false));
        }
        String upstream = null;
        if (root.get("upstream") instanceof JsonObject declared) {
            JsonObject resolved = (JsonObject) resolveSecretFields(declared, "$.upstream");
            try {
                UpstreamSettings.parse(resolved);
            } catch (IllegalArgumentException bad) {
                throw error("$.upstream", bad.getMessage());
            }
            upstream = resolved.toString();
        } else if (root.containsKey("upstream")) {
            throw error("$.upstream", "must be an object");
        }
        return new DomainSpec(domainId, name, userSystems, apps, users, accessKeys, pruneSpec, upstream);
    }

    private void checkRedirectUri(String value, String path) {
        String problem = RedirectUriRules.problemWith(value);
        if (problem != null) {
            throw error(path, problem);
        }
    }

    private void checkPublicKeyPem(String pem, String path) {
        try {
            PublicKeyPems.parse(pem, null);
        } catch (IllegalArgumentException bad) {
            throw error(path, bad.getMessage());
        }
    }

    /** Settings fields named "...secret" may be ${env:...} or ${file:...} references; they are resolved here. */
    private JsonValue resolveSecretFields(JsonValue value, String path) {
        if (value instanceof JsonObject object) {
            var out = JSON.createObjectBuilder();
            object.forEach((name, child) -> {
                if (UserSystemSecrets.isSecretField(name) && child instanceof JsonString secret) {
                    SecretReferences.Resolution resolved = secrets.resolve(secret.getString());
                    out.add(name, resolved.value().orElseThrow(() -> error(path + "." + name, resolved.problem())));
                } else {
                    out.add(name, resolveSecretFields(child, path + "." + name));
                }
            });
            return out.build();
        }
        if (value instanceof JsonArray array) {
            var out = JSON.createArrayBuilder();
            for (int i = 0; i < array.size(); i++) {
                out.add(resolveSecretFields(array.get(i), path + "[" + i + "]"));
            }
            return out.build();
        }
        return value;
    }

    private ImportException error(String path, String problem) {
        return new ImportException(source, path, problem);
    }

    private JsonObject failObject(String path) {
        throw error(path, "must be an object");
    }

    /** A JSON object at a path with the fields it may have. */
    private final class Node {
        final JsonObject object;
        final String path;

        Node(JsonObject object, String path, Set<String> allowed) {
            this.object = object;
            this.path = path;
            for (String key : object.keySet()) {
                if (!allowed.contains(key)) {
                    throw error(path + "." + key, "unknown field");
                }
            }
        }

        String requiredString(String key) {
            String value = optionalString(key, null);
            if (value == null || value.isBlank()) {
                throw error(path + "." + key, "is required");
            }
            return value;
        }

        String optionalString(String key, String fallback) {
            JsonValue value = object.get(key);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return fallback;
            }
            if (!(value instanceof JsonString s)) {
                throw error(path + "." + key, "must be a string");
            }
            if (s.getString().length() > 4096) {
                throw error(path + "." + key, "is too long");
            }
            return s.getString();
        }

        /** A required string that may be an ${env:...} or ${file:...} reference (no length rule: not a secret). */
        String requiredResolved(String key) {
            SecretReferences.Resolution resolved = secrets.resolve(requiredString(key));
            return resolved.value().orElseThrow(() -> error(path + "." + key, resolved.problem()));
        }

        String optionalSecret(String key) {
            String raw = optionalString(key, null);
            if (raw == null) {
                return null;
            }
            SecretReferences.Resolution resolved = secrets.resolve(raw);
            String value = resolved.value().orElseThrow(() -> error(path + "." + key, resolved.problem()));
            if (value.length() < MIN_SECRET_LENGTH) {
                throw error(path + "." + key, "must have at least " + MIN_SECRET_LENGTH + " characters");
            }
            return value;
        }

        boolean optionalBoolean(String key, boolean fallback) {
            JsonValue value = object.get(key);
            if (value == null) {
                return fallback;
            }
            if (value == JsonValue.TRUE || value == JsonValue.FALSE || value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE) {
                return value.getValueType() == JsonValue.ValueType.TRUE;
            }
            throw error(path + "." + key, "must be true or false");
        }

        int optionalInt(String key, int fallback, int min, int max) {
            JsonValue value = object.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof jakarta.json.JsonNumber n) || !n.isIntegral() || n.longValue() < min || n.longValue() > max) {
                throw error(path + "." + key, "must be a whole number from " + min + " to " + max);
            }
            return n.intValue();
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
            String value = optionalString(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(path + "." + key, "unknown value " + value);
            }
        }

        List<String> strings(String key) {
            JsonValue value = object.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof JsonArray array)) {
                throw error(path + "." + key, "must be an array of strings");
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonString s) || s.getString().isBlank() || s.getString().contains("\n")) {
                    throw error(path + "." + key + "[" + i + "]", "must be a non-empty string on one line");
                }
                result.add(s.getString());
            }
            return List.copyOf(result);
        }

        Node optionalObject(String key) {
            JsonValue value = object.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof JsonObject o)) {
                throw error(path + "." + key, "must be an object");
            }
            return new Node(o, path + "." + key, o.keySet());
        }

        Node object(String key, Set<String> allowed) {
            JsonValue value = object.get(key);
            if (!(value instanceof JsonObject o)) {
                throw error(path + "." + key, "must be an object");
            }
            return new Node(o, path + "." + key, allowed);
        }

        List<Node> objects(String key, Set<String> allowed) {
            JsonValue value = object.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof JsonArray array)) {
                throw error(path + "." + key, "must be an array");
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonObject o)) {
                    throw error(path + "." + key + "[" + i + "]", "must be an object");
                }
                nodes.add(new Node(o, path + "." + key + "[" + i + "]", allowed));
            }
            return nodes;
        }
    }
}
