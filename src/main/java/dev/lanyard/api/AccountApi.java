package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppType;
import dev.lanyard.domain.DomainService;
import dev.lanyard.oauth.TokenResponses;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.Identity;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.usersystem.mobile.PhoneNumbers;
import dev.lanyard.usersystem.mobile.MobileSignIn;
import dev.lanyard.usersystem.mobile.MobileSignInException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Clock;

/**
 * PDS's account API for apps with their own sign-in UI: {@code POST /v2/account/send_sms_code} and
 * {@code POST /v2/account/login} (SMS variant), public: the app_id names the app, the SMS code proves the number;
 * and for servers signing with an AccessKey pair, {@code get_access_token_by_link_info}.
 */
@Path("account")
@RequestScoped
public class AccountApi {

    private static final int MAX_BODY = 4096;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    MobileSignIn mobile;

    @Inject
    AppService apps;

    @Inject
    DomainService domains;

    @Inject
    TokenService tokens;

    @Inject
    Clock clock;

    @Inject
    UserService users;

    @Inject
    OnBehalfTokens onBehalf;

    @Inject
    SecurityContext securityContext;

    @Context
    HttpServletRequest request;

    @POST
    @Path("send_sms_code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendSmsCode(String body) {
        JsonObject json = parse(body);
        App app = app(json);
        try {
            String challengeId = mobile.sendCode(origin(app), string(json, "phone_number"), string(json, "phone_region"),
                    json.containsKey("type") ? string(json, "type") : "login");
            return noStore(Response.ok(JSON.createObjectBuilder().add("sms_code_id", challengeId).build().toString()));
        } catch (MobileSignInException refused) {
            throw pds(refused);
        }
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response login(String body) {
        JsonObject json = parse(body);
        App app = app(json);
        if (json.containsKey("password") || json.containsKey("email")) {
            throw new PdsException(400, "InvalidParameter", "only the SMS sign-in (phone_number, sms_code, sms_code_id) is served here");
        }
        boolean autoRegister = json.get("auto_register") == JsonValue.TRUE;
        try {
            MobileSignIn.Result result = mobile.signIn(origin(app), string(json, "phone_number"), string(json, "phone_region"),
                    string(json, "sms_code_id"), string(json, "sms_code"), autoRegister);
            TokenService.IssuedTokens issued = tokens.issueForLogin(app, result.user(), String.join(" ", app.getScopes()),
                    clock.instant(), null);
            return noStore(Response.ok(TokenResponses.body(issued, result.user()).add("is_first_login", result.registered())
                    .build().toString()));
        } catch (MobileSignInException refused) {
            throw pds(refused);
        }
    }

    /**
     * PDS's {@code POST /v2/account/get_access_token_by_link_info} {type, identity}: a token for the user a login
     * identity belongs to (type password, mobile, dingtalk or ram; a mobile number in any usual notation, +86 when it
     * has no country code), for a server that signs with an AccessKey pair.
     */
    @POST
    @Path("get_access_token_by_link_info")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response getAccessTokenByLinkInfo(String body) {
        AccessKeyPrincipal server = ApiCaller.requireAccessKey(securityContext);
        JsonObject json = parse(body);
        String type = string(json, "type");
        String identity = string(json, "identity");
        if (type == null || !LINK_TYPES.contains(type)) {
            throw new PdsException(400, "InvalidParameter.Type", "type must be one of " + String.join(", ", LINK_TYPES));
        }
        if (identity == null || identity.isBlank() || identity.length() > 320) {
            throw new PdsException(400, "InvalidParameter.Identity", "identity is required");
        }
        String key = switch (type) {
            case "mobile" -> {
                try {
                    yield PhoneNumbers.parse(identity, "86").e164();
                } catch (IllegalArgumentException notANumber) {
                    throw new PdsException(400, "InvalidParameter.Identity", "identity is not a mobile number");
                }
            }
            case "password" -> identity.strip().toLowerCase(java.util.Locale.ROOT);
            default -> identity;
        };
        User user = users.findIdentity(server.getDomainId(), type, key).map(Identity::getUser)
                .orElseThrow(() -> PdsException.notFound("LinkInfo"));
        return noStore(Response.ok(onBehalf.mint(server, user, clientAddresses.of(request))));
    }

    private static final java.util.List<String> LINK_TYPES = java.util.List.of("password", "mobile", "dingtalk", "ram");

    private MobileSignIn.Origin origin(App app) {
        return new MobileSignIn.Origin(app.getDomainId(), app.getAppId(), "", clientAddresses.of(request));
    }

    /** The enabled app named by app_id that may use mobile sign-in. */
    private App app(JsonObject json) {
        String appId = string(json, "app_id");
        if (appId == null || appId.isBlank() || appId.length() > 64) {
            throw new PdsException(400, "InvalidParameterMissing", "app_id is required");
        }
        App app = apps.findCached(domains.domainIdOf(request), appId).filter(App::isEnabled)
                .orElseThrow(() -> PdsException.notFound("App"));
        if (app.getType() == AppType.JWT
                || !app.getUserSystems().isEmpty() && !app.getUserSystems().contains(MobileSettings.USER_SYSTEM)) {
            throw new PdsException(403, "Forbidden.UserSystem", "this app may not use mobile-number sign-in");
        }
        return app;
    }

    private static JsonObject parse(String body) {
        if (body == null || body.length() > MAX_BODY) {
            throw new PdsException(400, "InvalidParameter", "the body must be a JSON object of at most " + MAX_BODY + " characters");
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new PdsException(400, "InvalidParameter", "the body is not a JSON object");
        }
    }

    /** A string field, or null when absent; any other JSON type is refused. */
    private static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new PdsException(400, "InvalidParameter." + camel(field), field + " must be a string");
    }

    private static String camel(String field) {
        StringBuilder out = new StringBuilder();
        for (String part : field.split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static PdsException pds(MobileSignInException refused) {
        return new PdsException(refused.status(), refused.code(), refused.getMessage(), refused.retryAfterSeconds());
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
