package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
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
import java.time.format.DateTimeFormatter;

/**
 * PDS's user API: {@code POST /v2/user/get} (a user's profile; without user_id the caller's; a user may read only
 * itself, administrators any user of their domain) and {@code POST /v2/user/get_access_token} (for servers).
 */
@Path("user")
@RequestScoped
public class UserApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    UserService users;

    @Inject
    OnBehalfTokens onBehalf;

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest request;

    @POST
    @Path("get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String get(JsonObject body) {
        LanyardPrincipal caller = ApiCaller.require(securityContext);
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

    /**
     * PDS's {@code POST /v2/user/get_access_token} {user_id}: a token for that user, for a server that signs with an
     * AccessKey pair (the user is not present; the audit log says so).
     */
    @POST
    @Path("get_access_token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response getAccessToken(JsonObject body) {
        AccessKeyPrincipal server = ApiCaller.requireAccessKey(securityContext);
        String userId = body == null ? null : body.getString("user_id", null);
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            throw new PdsException(400, "InvalidParameter.UserId", "user_id is required");
        }
        User user = users.find(server.getDomainId(), userId).orElseThrow(() -> PdsException.notFound("User"));
        return Response.ok(onBehalf.mint(server, user, clientAddresses.of(request))).header("Cache-Control", "no-store").build();
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
