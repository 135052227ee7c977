package dev.lanyard.oauth;

import dev.lanyard.app.AppType;
import dev.lanyard.domain.DomainService;
import dev.lanyard.oauth.grant.GrantHandler;
import dev.lanyard.oauth.grant.GrantRequest;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import static dev.lanyard.config.JsonSupport.JSON;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;

/** POST /v2/oauth/token: authenticates the client, hands the request to the grant it names, answers in PDS's shape. */
@Path("oauth/token")
@RequestScoped
public class TokenResource {

    @Inject
    @Any
    Instance<GrantHandler> grants;

    @Inject
    ClientAuthenticator clients;

    @Inject
    DomainService domains;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        FormLimits.check(form);
        String grantType = form.getFirst("grant_type");
        if (grantType == null) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        GrantHandler handler = grants.stream().filter(g -> g.grantType().equals(grantType)).findFirst()
                .orElseThrow(() -> new OAuthException(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported"));
        String domainId = domains.domainIdOf(request);
        var app = clients.authenticate(domainId, authorization, form);
        if (app.getType() == AppType.JWT) {
            throw new OAuthException(400, "unauthorized_client", "JWT apps use the jwt-bearer grant");
        }
        GrantHandler.Result result = handler.handle(new GrantRequest(domainId, app, form));
        return Response.ok(body(result.tokens(), result.user()).build().toString())
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    /** The token response of PDS, with OAuth's standard fields. */
    public static JsonObjectBuilder body(TokenService.IssuedTokens tokens, User user) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("access_token", tokens.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", tokens.expiresIn())
                .add("expire_time", DateTimeFormatter.ISO_INSTANT.format(tokens.accessTokenExpiresAt()))
                .add("scope", tokens.scope() == null ? "" : tokens.scope())
                .add("user_id", user.getUserId())
                .add("user_name", user.displayName())
                .add("nick_name", user.getNickName() == null ? "" : user.getNickName())
                .add("avatar", user.getAvatar() == null ? "" : user.getAvatar())
                .add("role", user.getRole().wireName())
                .add("status", user.getStatus().wireName())
                .add("default_drive_id", "")
                .add("is_first_login", false);
        if (tokens.refreshToken() != null) {
            json.add("refresh_token", tokens.refreshToken());
        }
        if (tokens.idToken() != null) {
            json.add("id_token", tokens.idToken());
        }
        return json;
    }
}
