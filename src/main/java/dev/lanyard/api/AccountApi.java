package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppType;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.domain.DomainService;
import dev.lanyard.oauth.TokenResponses;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.Identity;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.usersystem.mobile.MobileSignIn;
import dev.lanyard.usersystem.mobile.MobileSignInException;
import dev.lanyard.usersystem.mobile.PhoneNumbers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @POST
    @Path("send_sms_code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendSmsCode(String body) {
        JsonObject json = JsonBody.parse(body, MAX_BODY).json();
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
        JsonObject json = JsonBody.parse(body, MAX_BODY).json();
        App app = app(json);
        if (json.containsKey("password") || json.containsKey("email")) {
            throw new PdsException(400, "InvalidParameter", "only the SMS sign-in (phone_number, sms_code, sms_code_id) is served here");
        }
        boolean autoRegister = json.get("auto_register") == JsonValue.TRUE;
        try {
            MobileSignIn.Result result = mobile.signIn(origin(app), string(json, "phone_number"), string(json, "phone_region"),
                    string(json, "sms_code_id"), string(json, "sms_code"), autoRegister);
            TokenService.IssuedTokens issued = tokens.issueForLogin(app, result.user(), TokenService.scopeOf(app),
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
    @Transactional // the user read and the audit event of the token: one connection, one commit
    public Response getAccessTokenByLinkInfo(String body) {
        AccessKeyPrincipal server = ApiCaller.requireAccessKey(securityContext, request);
        JsonObject json = JsonBody.parse(body, MAX_BODY).json();
        String type = string(json, "type");
        String identity = string(json, "identity");
        if (type == null || !LINK_TYPES.contains(type)) {
            throw new PdsException(400, "InvalidParameter.Type", "type must be one of " + String.join(", ", LINK_TYPES));
        }
        if (identity == null || identity.isBlank() || identity.length() > 320) {
            throw new PdsException(400, "InvalidParameter.Identity", "identity is required");
        }
        String key = identityKey(type, identity);
        User user = users.findIdentity(server.getDomainId(), type, key).map(Identity::getUser)
                .orElseThrow(() -> PdsException.notFound("LinkInfo"));
        return noStore(Response.ok(onBehalf.mint(server, user, clientAddresses.of(request))));
    }

    private static final java.util.List<String> LINK_TYPES = java.util.List.of("password", "mobile", "dingtalk", "ram");
    /** What an administrator may link: identities proven elsewhere (a password identity needs its secret: import it). */
    private static final java.util.List<String> LINKABLE = java.util.List.of("mobile", "dingtalk", "ram");

    /** {@code POST /v2/account/link} {user_id, type, identity}: administrators link a login identity to a user. */
    @POST
    @Path("link")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response link(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.requireAdministrator(securityContext), "ACCOUNT.ALL");
        JsonBody body = JsonBody.parse(text);
        String type = linkableType(body);
        String key = identityKey(type, body.required("identity", 320));
        User user = users.find(caller.getDomainId(), body.required("user_id", 64)).orElseThrow(() -> PdsException.notFound("User"));
        ApiCaller.requireMayManage(caller, user.getRole());
        if (users.findIdentity(caller.getDomainId(), type, key).isPresent()) {
            throw new PdsException(409, "AlreadyExist.LinkInfo", "this identity is linked already");
        }
        users.link(user, type, key, null);
        audit.record(new AuditLog.Entry(caller.getDomainId(), "identity.linked", user.getUserId(), null, caller.getName(),
                clientAddresses.of(request), type));
        return noStore(Response.ok(linkInfo(caller.getDomainId(), user.getUserId(), type, key, clock.instant()).build().toString()));
    }

    /** {@code POST /v2/account/unlink} {user_id, type, identity} (administrators). */
    @POST
    @Path("unlink")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlink(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.requireAdministrator(securityContext), "ACCOUNT.ALL");
        JsonBody body = JsonBody.parse(text);
        String type = linkableType(body);
        String key = identityKey(type, body.required("identity", 320));
        String userId = body.required("user_id", 64);
        User user = users.find(caller.getDomainId(), userId).orElseThrow(() -> PdsException.notFound("LinkInfo"));
        ApiCaller.requireMayManage(caller, user.getRole());
        if (!users.unlinkIdentity(caller.getDomainId(), userId, type, key)) {
            throw PdsException.notFound("LinkInfo");
        }
        audit.record(new AuditLog.Entry(caller.getDomainId(), "identity.unlinked", userId, null, caller.getName(),
                clientAddresses.of(request), type));
        return Response.noContent().build();
    }

    /** {@code POST /v2/account/get_link_info} {type, identity}: whose identity it is (administrators). */
    @POST
    @Path("get_link_info")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response getLinkInfo(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.requireAdministrator(securityContext), "ACCOUNT.ALL");
        JsonBody body = JsonBody.parse(text);
        String type = body.required("type", 16);
        if (!LINK_TYPES.contains(type)) {
            throw JsonBody.invalid("type", "must be one of " + String.join(", ", LINK_TYPES));
        }
        Identity identity = users.findIdentity(caller.getDomainId(), type, identityKey(type, body.required("identity", 320)))
                .orElseThrow(() -> PdsException.notFound("LinkInfo"));
        return noStore(Response.ok(linkInfo(identity).build().toString()));
    }

    /** {@code POST /v2/account/get_link_info_by_user_id} {user_id}: a user's identities (administrators, or the user). */
    @POST
    @Path("get_link_info_by_user_id")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response getLinkInfoByUserId(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.require(securityContext), "ACCOUNT.ALL");
        String userId = JsonBody.parse(text).required("user_id", 64);
        if (!userId.equals(caller.getUserId()) && !caller.getRole().isAdministrator()) {
            throw PdsException.forbidden();
        }
        users.find(caller.getDomainId(), userId).orElseThrow(() -> PdsException.notFound("User"));
        var items = JSON.createArrayBuilder();
        users.identitiesOf(caller.getDomainId(), userId).forEach(i -> items.add(linkInfo(i)));
        return noStore(Response.ok(JSON.createObjectBuilder().add("items", items).build().toString()));
    }

    private static String linkableType(JsonBody body) {
        String type = body.required("type", 16);
        if (!LINKABLE.contains(type)) {
            throw JsonBody.invalid("type", "must be one of " + String.join(", ", LINKABLE));
        }
        return type;
    }

    /** The stored form of an identity: E.164 for a mobile number (+86 when none is given), lower case for a login name. */
    private static String identityKey(String type, String identity) {
        return switch (type) {
            case "mobile" -> {
                try {
                    yield PhoneNumbers.parse(identity, "86").e164();
                } catch (IllegalArgumentException notANumber) {
                    throw JsonBody.invalid("identity", "is not a mobile number");
                }
            }
            case "password" -> identity.strip().toLowerCase(java.util.Locale.ROOT);
            default -> identity;
        };
    }

    private static jakarta.json.JsonObjectBuilder linkInfo(Identity identity) {
        return linkInfo(identity.getDomainId(), identity.getUser().getUserId(), identity.getType(), identity.getValue(),
                identity.getCreatedAt());
    }

    private static jakarta.json.JsonObjectBuilder linkInfo(String domainId, String userId, String type, String identity,
                                                           java.time.Instant createdAt) {
        return JSON.createObjectBuilder().add("domain_id", domainId).add("user_id", userId).add("type", type)
                .add("identity", identity).add("created_at", createdAt.toEpochMilli());
    }

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

    /** A string field (any length: the services bound what they take), or null when absent; another type is refused. */
    private static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw JsonBody.invalid(field, "must be a string");
    }

    private static PdsException pds(MobileSignInException refused) {
        return new PdsException(refused.status(), refused.code(), refused.getMessage(), refused.retryAfterSeconds());
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
