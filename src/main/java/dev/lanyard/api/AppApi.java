package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.app.App;
import dev.lanyard.app.AppKeyMaterial;
import dev.lanyard.app.AppPublicKey;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppStatus;
import dev.lanyard.app.AppType;
import dev.lanyard.app.PublicKeyPems;
import dev.lanyard.app.RedirectUriRules;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.token.OpaqueSecrets;
import dev.lanyard.user.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PDS's app API for administrators of the domain: {@code /v2/app/create|get|list|update|delete|set_public_key|
 * get_public_key}. A WebServer app's secret is shown once, at creation or when regenerated, and stored as a hash; a
 * generated JWT key pair's private key is shown once and never stored. Enabling the built-in BasicUI is PDS's
 * "Allow Access" ({@code update} with status enabled); it cannot be deleted.
 */
@Path("app")
@RequestScoped
public class AppApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    AppService apps;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        JsonBody body = JsonBody.parse(text);
        String name = body.required("app_name", 200);
        String typeName = body.required("app_type", 16);
        AppType type = AppType.fromWireName(typeName)
                .orElseThrow(() -> JsonBody.invalid("app_type", "must be WebServer, WebBrowser, Native or JWT"));
        List<String> redirects = redirectUris(body, type);
        List<String> scopes = checkedScopes(orDefault(body.strings("scope", 50, 100), List.of("all")));
        AppService.Registered registered;
        try {
            registered = apps.register(caller.getDomainId(), name, type, redirects, scopes, List.of(),
                    Boolean.FALSE.equals(body.bool("is_third_party")), Map.of());
        } catch (AppService.NameTaken taken) {
            throw new PdsException(409, "AlreadyExist.AppName", taken.getMessage());
        }
        App app = registered.app();
        String secret = registered.secret();
        audited(caller, "app.created", app.getAppId());
        JsonObjectBuilder json = json(app);
        if (secret != null) {
            json.add("app_secret", secret); // shown this once
        }
        return noStore(json);
    }

    @POST
    @Path("get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String get(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        return json(app(caller, JsonBody.parse(text))).build().toString();
    }

    @POST
    @Path("list")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String list(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        Paging paging = Paging.of(JsonBody.parse(text));
        return paging.answer(apps.pageAfter(caller.getDomainId(), paging.after(), paging.limit() + 1), AppApi::json, App::getId);
    }

    /** Changes name, redirect URIs, scopes, third-party flag or status; {@code regenerate_secret} shows a new secret once. */
    @POST
    @Path("update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        JsonBody body = JsonBody.parse(text);
        App current = appToChange(caller, body);
        String name = body.has("app_name") ? body.required("app_name", 200) : current.getName();
        if (!name.equals(current.getName()) && apps.nameTaken(caller.getDomainId(), name, current.getAppId())) {
            throw new PdsException(409, "AlreadyExist.AppName", "an app of this domain has this name");
        }
        List<String> redirects = body.has("redirect_uri") ? redirectUris(body, current.getType()) : current.getRedirectUris();
        List<String> scopes = body.has("scope") ? checkedScopes(orDefault(body.strings("scope", 50, 100), current.getScopes()))
                : current.getScopes();
        Boolean thirdParty = body.bool("is_third_party");
        AppStatus status = body.has("status") ? status(body) : current.getStatus();
        boolean regenerate = Boolean.TRUE.equals(body.bool("regenerate_secret"));
        if (regenerate && current.getType() != AppType.WEB_SERVER) {
            throw JsonBody.invalid("regenerate_secret", "only WebServer apps have a secret");
        }
        String secret = regenerate ? OpaqueSecrets.newSecret() : null;
        App app = apps.change(caller.getDomainId(), current.getAppId(), a -> {
            a.configure(name, a.getType(), redirects, scopes, a.getUserSystems(),
                    thirdParty == null ? a.isFirstParty() : !thirdParty, a.getAccessTokenSeconds(), a.getRefreshTokenSeconds(),
                    status, clock.instant());
            if (secret != null) {
                a.setSecretHash(OpaqueSecrets.sha256Hex(secret), clock.instant());
            }
        }).orElseThrow(() -> PdsException.notFound("App"));
        audited(caller, "app.updated", app.getAppId());
        JsonObjectBuilder json = json(app);
        if (secret != null) {
            json.add("app_secret", secret);
        }
        return noStore(json);
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        App app = appToChange(caller, JsonBody.parse(text));
        if (app.isBuiltIn()) {
            throw new PdsException(403, "Forbidden.BuiltIn", "the built-in app cannot be deleted; disable it instead");
        }
        apps.delete(caller.getDomainId(), app.getAppId());
        audited(caller, "app.deleted", app.getAppId());
        return Response.noContent().build();
    }

    /**
     * Sets the public key of a JWT app (PEM, with an optional kid), replacing its keys; or, with {@code generate},
     * makes an RSA 2048 pair and answers its private key (PKCS #8 PEM) this once.
     */
    @POST
    @Path("set_public_key")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setPublicKey(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        JsonBody body = JsonBody.parse(text);
        App app = appToChange(caller, body);
        if (app.getType() != AppType.JWT) {
            throw new PdsException(400, "InvalidParameter.AppType", "only JWT apps have public keys");
        }
        String kid = body.string("kid", 64);
        if (kid == null) {
            kid = AppKeyMaterial.newKid();
        } else if (!AppKeyMaterial.KID.matcher(kid).matches()) {
            throw JsonBody.invalid("kid", "must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        String publicPem;
        String privatePem = null;
        if (Boolean.TRUE.equals(body.bool("generate"))) {
            AppKeyMaterial.GeneratedPair pair = AppKeyMaterial.generateRsaPair();
            publicPem = pair.publicPem();
            privatePem = pair.privatePem();
        } else {
            publicPem = body.required("public_key", AppKeyMaterial.MAX_PEM_CHARACTERS).trim();
            try {
                PublicKeyPems.parse(publicPem, kid);
            } catch (IllegalArgumentException bad) {
                throw JsonBody.invalid("public_key", bad.getMessage());
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(kid, publicPem);
        App changed = apps.change(caller.getDomainId(), app.getAppId(), a -> a.replacePublicKeys(keys, clock.instant()))
                .orElseThrow(() -> PdsException.notFound("App"));
        audited(caller, "app.key_set", changed.getAppId());
        JsonObjectBuilder json = JSON.createObjectBuilder().add("app_id", changed.getAppId()).add("kid", kid).add("public_key", publicPem);
        if (privatePem != null) {
            json.add("private_key", privatePem); // shown this once, never stored
        }
        return noStore(json);
    }

    @POST
    @Path("get_public_key")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String getPublicKey(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        App app = app(caller, JsonBody.parse(text));
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        for (AppPublicKey key : app.getPublicKeys()) {
            keys.add(JSON.createObjectBuilder().add("kid", key.getKid()).add("public_key", key.getPem()));
        }
        JsonObjectBuilder json = JSON.createObjectBuilder().add("app_id", app.getAppId()).add("keys", keys);
        json.add("public_key", app.getPublicKeys().isEmpty() ? "" : app.getPublicKeys().get(0).getPem());
        return json.build().toString();
    }

    private App app(LanyardPrincipal caller, JsonBody body) {
        return apps.find(caller.getDomainId(), body.required("app_id", 64)).orElseThrow(() -> PdsException.notFound("App"));
    }

    /**
     * The app an administrator may change. An app allowed service tokens can act for superadmins and as the service
     * account, so whoever holds its keys holds superadmin rights: only a superadmin changes, re-keys or deletes it.
     */
    private App appToChange(LanyardPrincipal caller, JsonBody body) {
        App app = app(caller, body);
        if (app.isServiceTokens() && caller.getRole() != Role.SUPERADMIN) {
            throw new PdsException(403, "ForbiddenNoPermission", "only a superadmin changes an app that has service tokens");
        }
        return app;
    }

    /** Answers that may carry a secret shown once: never kept by a cache on the way. */
    private static Response noStore(JsonObjectBuilder json) {
        return Response.ok(json.build().toString(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }

    private static List<String> redirectUris(JsonBody body, AppType type) {
        List<String> redirects = orDefault(body.strings("redirect_uri", RedirectUriRules.MAX_PER_APP, RedirectUriRules.MAX_LENGTH), List.of());
        if (redirects.isEmpty() && type != AppType.JWT) {
            throw new PdsException(400, "InvalidParameterMissing", "redirect_uri is required for " + type.wireName() + " apps");
        }
        String problem = RedirectUriRules.problemWithAll(redirects);
        if (problem != null) {
            throw JsonBody.invalid("redirect_uri", problem);
        }
        return redirects;
    }

    private static AppStatus status(JsonBody body) {
        String status = body.required("status", 16);
        return switch (status) {
            case "enabled" -> AppStatus.ENABLED;
            case "disabled" -> AppStatus.DISABLED;
            default -> throw JsonBody.invalid("status", "must be enabled or disabled");
        };
    }

    private static <T> List<T> orDefault(List<T> value, List<T> fallback) {
        return value == null ? fallback : value;
    }

    private void audited(LanyardPrincipal caller, String event, String appId) {
        audit.record(new AuditLog.Entry(caller.getDomainId(), event, null, appId, caller.getName(), clientAddresses.of(request), null));
    }

    static JsonObjectBuilder json(App app) {
        JsonArrayBuilder redirects = JSON.createArrayBuilder();
        app.getRedirectUris().forEach(redirects::add);
        JsonArrayBuilder scopes = JSON.createArrayBuilder();
        app.getScopes().forEach(scopes::add);
        return JSON.createObjectBuilder()
                .add("domain_id", app.getDomainId())
                .add("app_id", app.getAppId())
                .add("app_name", app.getName())
                .add("app_type", app.getType().wireName())
                .add("redirect_uri", redirects)
                .add("scope", scopes)
                .add("is_third_party", !app.isFirstParty())
                .add("status", app.getStatus() == AppStatus.ENABLED ? "enabled" : "disabled")
                .add("built_in", app.isBuiltIn())
                .add("created_at", app.getCreatedAt().toEpochMilli())
                .add("updated_at", app.getUpdatedAt().toEpochMilli());
    }

    private static List<String> checkedScopes(List<String> scopes) {
        String problem = App.problemWithScopes(scopes);
        if (problem != null) {
            throw JsonBody.invalid("scope", problem);
        }
        return scopes;
    }
}
