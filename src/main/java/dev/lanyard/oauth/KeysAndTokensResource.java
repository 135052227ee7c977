package dev.lanyard.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.app.App;
import dev.lanyard.domain.DomainService;
import dev.lanyard.token.AccessTokenVerifier;
import dev.lanyard.token.RefreshFamily;
import dev.lanyard.token.RefreshTokenService;
import dev.lanyard.token.RevokedAccessToken;
import dev.lanyard.token.SigningKeyService;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import static dev.lanyard.config.JsonSupport.JSON;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Revocation (RFC 7009), introspection (RFC 7662) and userinfo (OIDC); the JWKS is {@link JwksServlet}. */
@Path("oauth")
@RequestScoped
public class KeysAndTokensResource {

    @Inject
    SigningKeyService keys;

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    RefreshTokenService refreshTokens;

    @Inject
    ClientAuthenticator clients;

    @Inject
    DomainService domains;

    @Inject
    UserService users;

    @PersistenceContext
    EntityManager em;

    @Context
    HttpServletRequest request;

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response revoke(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        FormLimits.check(form);
        String domainId = domains.domainIdOf(request);
        App app = clients.authenticate(domainId, authorization, form);
        String token = form.getFirst("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        if (!refreshTokens.revokeByToken(domainId, app.getAppId(), token)) {
            Optional<JWTClaimsSet> claims = verifier.verify(domainId, token);
            if (claims.isPresent() && app.getAppId().equals(claims.get().getClaim("client_id"))
                    && em.find(RevokedAccessToken.class, claims.get().getJWTID()) == null) {
                em.persist(new RevokedAccessToken(claims.get().getJWTID(), claims.get().getExpirationTime().toInstant()));
            }
        }
        // RFC 7009: unknown or foreign tokens get the same 200, so nothing can be learned from the answer.
        return Response.ok("{}").header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response introspect(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        FormLimits.check(form);
        String domainId = domains.domainIdOf(request);
        clients.authenticateConfidential(domainId, authorization, form);
        String token = form.getFirst("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        JsonObjectBuilder json = JSON.createObjectBuilder();
        Optional<JWTClaimsSet> claims = verifier.verify(domainId, token);
        if (claims.isPresent()) {
            JWTClaimsSet c = claims.get();
            json.add("active", true).add("token_type", "Bearer").add("sub", c.getSubject())
                    .add("client_id", String.valueOf(c.getClaim("client_id"))).add("scope", String.valueOf(c.getClaim("scope")))
                    .add("iss", c.getIssuer()).add("exp", c.getExpirationTime().toInstant().getEpochSecond())
                    .add("iat", c.getIssueTime().toInstant().getEpochSecond()).add("jti", c.getJWTID());
        } else {
            Optional<RefreshFamily> family = refreshTokens.activeFamilyOf(domainId, token);
            if (family.isPresent()) {
                RefreshFamily f = family.get();
                json.add("active", true).add("token_type", "refresh_token").add("sub", f.getUserId())
                        .add("client_id", f.getAppId()).add("scope", f.getScope() == null ? "" : f.getScope())
                        .add("exp", f.getExpiresAt().getEpochSecond());
            } else {
                json.add("active", false);
            }
        }
        return Response.ok(json.build().toString()).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("userinfo")
    @Produces(MediaType.APPLICATION_JSON)
    public Response userinfoGet(@HeaderParam("Authorization") String authorization) {
        return userinfo(authorization);
    }

    @POST
    @Path("userinfo")
    @Produces(MediaType.APPLICATION_JSON)
    public Response userinfoPost(@HeaderParam("Authorization") String authorization) {
        return userinfo(authorization);
    }

    private Response userinfo(String authorization) {
        String domainId = domains.domainIdOf(request);
        Optional<User> user = BearerToken.from(authorization).flatMap(t -> verifier.verify(domainId, t))
                .flatMap(c -> users.find(domainId, c.getSubject())).filter(User::canSignIn);
        if (user.isEmpty()) {
            return Response.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(JSON.createObjectBuilder().add("error", "invalid_token")
                            .add("error_description", "the access token is missing, invalid, expired or revoked").build().toString())
                    .build();
        }
        User u = user.get();
        JsonObjectBuilder json = JSON.createObjectBuilder().add("sub", u.getUserId()).add("nickname", u.displayName())
                .add("name", u.displayName()).add("role", u.getRole().wireName());
        if (u.getAvatar() != null) {
            json.add("picture", u.getAvatar());
        }
        if (u.getEmail() != null) {
            json.add("email", u.getEmail());
        }
        if (u.getPhone() != null) {
            json.add("phone_number", u.getPhone());
        }
        return Response.ok(json.build().toString()).header("Cache-Control", "no-store").build();
    }
}
