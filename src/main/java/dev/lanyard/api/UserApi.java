package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserFields;
import dev.lanyard.user.UserService;
import dev.lanyard.user.UserStatus;
import dev.lanyard.usersystem.mobile.PhoneNumbers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import java.time.format.DateTimeFormatter;

/**
 * PDS's user API: {@code POST /v2/user/get} (a user's profile; without user_id the caller's; a user may read only
 * itself, administrators any user of their domain), create, list, update and delete. {@code POST
 * /v2/user/get_access_token} (for servers) is a servlet of its own: {@link GetAccessTokenEndpoint}.
 */
@Path("user")
@RequestScoped
public class UserApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest request;

    @POST
    @Path("get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String get(JsonObject body) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.require(securityContext), "USER.GET");
        String userId = body == null || !body.containsKey("user_id") || body.isNull("user_id")
                ? caller.getUserId() : body.getString("user_id", null);
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            throw new PdsException(400, "InvalidParameter.UserId", "user_id is not valid");
        }
        if (!userId.equals(caller.getUserId()) && !caller.getRole().isAdministrator()) {
            throw PdsException.forbidden();
        }
        User user = users.find(caller.getDomainId(), userId).orElseThrow(() -> PdsException.notFound("User"));
        return json(user).build().toString();
    }

    /** {@code POST /v2/user/create} (administrators; only a superadmin creates a superadmin). */
    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String create(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.requireAdministrator(securityContext), "USER.ALL");
        JsonBody body = JsonBody.parse(text);
        String userId = body.string("user_id", 64);
        if (userId == null) {
            userId = UserService.newUserId();
        } else if (!UserFields.USER_ID.matcher(userId).matches()) {
            throw JsonBody.invalid("user_id", "must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        Role role = role(body, Role.USER);
        mayGrant(caller, role);
        String nickName = body.string("nick_name", 128);
        User user = users.createUser(caller.getDomainId(), userId, nickName == null ? userId : nickName, role,
                        status(body, UserStatus.ENABLED), phone(body), email(body), body.string("avatar", 1024))
                .orElseThrow(() -> new PdsException(409, "AlreadyExist.User", "a user with this user_id exists"));
        audited(caller, "user.created", user.getUserId());
        return json(user).build().toString();
    }

    /** {@code POST /v2/user/list}: {limit, marker} to {items, next_marker} (administrators). */
    @POST
    @Path("list")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String list(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.requireAdministrator(securityContext), "USER.LIST");
        Paging paging = Paging.of(JsonBody.parse(text));
        return paging.answer(users.pageAfter(caller.getDomainId(), paging.after(), paging.limit() + 1), UserApi::json, User::getId);
    }

    /**
     * {@code POST /v2/user/update}: administrators change any field (a superadmin's role or another's superadmin role
     * only as superadmin); a user changes its own nick_name and avatar. The last enabled superadmin stays one.
     */
    @POST
    @Path("update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String update(String text) {
        LanyardPrincipal caller = ApiCaller.require(securityContext);
        JsonBody body = JsonBody.parse(text);
        String userId = body.required("user_id", 64);
        boolean self = userId.equals(caller.getUserId());
        boolean administrative = body.has("role") || body.has("status") || body.has("phone") || body.has("email");
        if (!caller.getRole().isAdministrator() && (!self || administrative)) {
            throw PdsException.forbidden();
        }
        requireUpdateScope(caller, body);
        Role newRole = body.has("role") ? role(body, null) : null;
        UserStatus newStatus = body.has("status") ? status(body, null) : null;
        String phone = body.has("phone") ? phone(body) : null;
        String email = body.has("email") ? email(body) : null;
        try {
            User user = users.change(caller.getDomainId(), userId, u -> {
                if (u.getRole() == Role.SUPERADMIN || newRole == Role.SUPERADMIN) {
                    mayGrant(caller, Role.SUPERADMIN);
                }
                u.configure(body.has("nick_name") ? body.string("nick_name", 128) : u.getNickName(),
                        newRole == null ? u.getRole() : newRole, newStatus == null ? u.getStatus() : newStatus,
                        body.has("phone") ? phone : u.getPhone(), body.has("email") ? email : u.getEmail(), clock.instant());
                if (body.has("avatar")) {
                    u.adoptAvatar(body.string("avatar", 1024), clock.instant());
                }
            }).orElseThrow(() -> PdsException.notFound("User"));
            audited(caller, "user.updated", userId);
            return json(user).build().toString();
        } catch (UserService.LastSuperadminException last) {
            throw new PdsException(409, "Forbidden.LastSuperadmin", "the domain's last enabled superadmin must stay one");
        }
    }

    /** {@code POST /v2/user/delete} (administrators; a superadmin only by a superadmin; never the last one). */
    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(String text) {
        LanyardPrincipal caller = ApiCaller.requireScope(ApiCaller.requireAdministrator(securityContext), "USER.ALL");
        String userId = JsonBody.parse(text).required("user_id", 64);
        try {
            // the role is checked under the delete's locks, so a user promoted meanwhile is not deleted by an admin
            if (!users.delete(caller.getDomainId(), userId, user -> mayGrant(caller, user.getRole()))) {
                throw PdsException.notFound("User");
            }
        } catch (UserService.LastSuperadminException last) {
            throw new PdsException(409, "Forbidden.LastSuperadmin", "the domain's last enabled superadmin cannot be deleted");
        }
        audited(caller, "user.deleted", userId);
        return Response.noContent().build();
    }

    /**
     * PDS's split of USER.UPDATE: UPDATE_ROLE for role and status, UPDATE_INFO for nick name and avatar; phone and
     * email (login-relevant) only with UPDATE itself, which allows every field.
     */
    private static void requireUpdateScope(LanyardPrincipal caller, JsonBody body) {
        ApiCaller.requireScope(caller, "USER.UPDATE", "USER.UPDATE_ROLE", "USER.UPDATE_INFO");
        if (body.has("role") || body.has("status")) {
            ApiCaller.requireScope(caller, "USER.UPDATE", "USER.UPDATE_ROLE");
        }
        if (body.has("nick_name") || body.has("avatar")) {
            ApiCaller.requireScope(caller, "USER.UPDATE", "USER.UPDATE_INFO");
        }
        if (body.has("phone") || body.has("email")) {
            ApiCaller.requireScope(caller, "USER.UPDATE");
        }
    }

    /** Only a superadmin hands out (or takes away) superadmin rights. */
    private static void mayGrant(LanyardPrincipal caller, Role role) {
        ApiCaller.requireMayManage(caller, role);
    }

    private static Role role(JsonBody body, Role fallback) {
        String role = body.string("role", 16);
        if (role == null) {
            return fallback;
        }
        return java.util.Arrays.stream(Role.values()).filter(r -> r.wireName().equals(role)).findFirst()
                .orElseThrow(() -> JsonBody.invalid("role", "must be superadmin, admin or user"));
    }

    private static UserStatus status(JsonBody body, UserStatus fallback) {
        String status = body.string("status", 16);
        if (status == null) {
            return fallback;
        }
        return java.util.Arrays.stream(UserStatus.values()).filter(s -> s.wireName().equals(status)).findFirst()
                .orElseThrow(() -> JsonBody.invalid("status", "must be enabled or disabled"));
    }

    private static String phone(JsonBody body) {
        String phone = body.string("phone", 32);
        if (phone == null || phone.isBlank()) {
            return null;
        }
        try {
            return PhoneNumbers.parse(phone, "86").e164();
        } catch (IllegalArgumentException notANumber) {
            throw JsonBody.invalid("phone", "is not a phone number");
        }
    }

    private static String email(JsonBody body) {
        String email = body.string("email", 320);
        if (email != null && !email.isBlank() && !UserFields.isEmail(email)) {
            throw JsonBody.invalid("email", "is not an e-mail address");
        }
        return email == null || email.isBlank() ? null : email;
    }

    private void audited(LanyardPrincipal caller, String event, String userId) {
        audit.record(new AuditLog.Entry(caller.getDomainId(), event, userId, null, caller.getName(), clientAddresses.of(request), null));
    }

    static JsonObjectBuilder json(User user) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("domain_id", user.getDomainId())
                .add("user_id", user.getUserId())
                .add("user_name", user.displayName())
                .add("nick_name", user.getNickName() == null ? "" : user.getNickName())
                .add("avatar", user.getAvatar() == null ? "" : user.getAvatar())
                .add("email", user.getEmail() == null ? "" : user.getEmail())
                .add("phone", user.getPhone() == null ? "" : user.getPhone())
                .add("role", user.getRole().wireName())
                .add("status", user.getStatus().wireName())
                .add("created_at", user.getCreatedAt().toEpochMilli())
                .add("updated_at", user.getUpdatedAt().toEpochMilli());
        if (user.getLastLoginAt() != null) {
            json.add("last_login_time", DateTimeFormatter.ISO_INSTANT.format(user.getLastLoginAt()));
        }
        return json;
    }
}
