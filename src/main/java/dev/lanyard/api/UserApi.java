package dev.lanyard.api;

import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import static dev.lanyard.config.JsonSupport.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.format.DateTimeFormatter;

/**
 * PDS's {@code POST /v2/user/get}: a user's profile. Without user_id it is the caller; a user may read only itself,
 * administrators any user of their domain. (The rest of the user API comes with the management-API issue.)
 */
@Path("user")
@RequestScoped
public class UserApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    UserService users;

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
