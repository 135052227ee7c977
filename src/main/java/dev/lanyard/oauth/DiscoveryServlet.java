package dev.lanyard.oauth;

import dev.lanyard.oauth.grant.GrantHandler;
import dev.lanyard.domain.DomainService;
import dev.lanyard.token.Issuers;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import static dev.lanyard.config.JsonSupport.JSON;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** OpenID Connect discovery and RFC 8414 metadata of the request's domain. */
@WebServlet(urlPatterns = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
public class DiscoveryServlet extends HttpServlet {

    @Inject
    DomainService domains;

    @Inject
    Issuers issuers;

    @Inject
    @Any
    Instance<GrantHandler> grants;

    /** Every grant the token endpoint has, in a stable order. */
    private jakarta.json.JsonArrayBuilder grantTypes() {
        jakarta.json.JsonArrayBuilder types = JSON.createArrayBuilder();
        grants.stream().map(GrantHandler::grantType).sorted().forEach(types::add);
        return types;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String issuer = issuers.issuerOf(domains.domainIdOf(request));
        String body = JSON.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/v2/oauth/authorize")
                .add("token_endpoint", issuer + "/v2/oauth/token")
                .add("jwks_uri", issuer + "/v2/oauth/jwks")
                .add("userinfo_endpoint", issuer + "/v2/oauth/userinfo")
                .add("revocation_endpoint", issuer + "/v2/oauth/revoke")
                .add("introspection_endpoint", issuer + "/v2/oauth/introspect")
                .add("response_types_supported", JSON.createArrayBuilder().add("code"))
                .add("response_modes_supported", JSON.createArrayBuilder().add("query"))
                .add("grant_types_supported", grantTypes())
                .add("code_challenge_methods_supported", JSON.createArrayBuilder().add("S256"))
                .add("token_endpoint_auth_methods_supported", JSON.createArrayBuilder().add("client_secret_basic").add("client_secret_post").add("none"))
                .add("revocation_endpoint_auth_methods_supported", JSON.createArrayBuilder().add("client_secret_basic").add("client_secret_post").add("none"))
                .add("introspection_endpoint_auth_methods_supported", JSON.createArrayBuilder().add("client_secret_basic").add("client_secret_post"))
                .add("id_token_signing_alg_values_supported", JSON.createArrayBuilder().add("RS256").add("ES256"))
                .add("subject_types_supported", JSON.createArrayBuilder().add("public"))
                .add("scopes_supported", JSON.createArrayBuilder().add("openid").add("all"))
                .add("claims_supported", JSON.createArrayBuilder().add("sub").add("iss").add("aud").add("exp").add("iat")
                        .add("auth_time").add("nonce").add("nickname").add("name").add("picture").add("email").add("phone_number"))
                .add("prompt_values_supported", JSON.createArrayBuilder().add("none").add("login").add("consent"))
                .add("authorization_response_iss_parameter_supported", true)
                .build().toString();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(body);
    }
}
