package dev.lanyard.oauth;

import dev.lanyard.domain.DomainService;
import dev.lanyard.token.SigningKeyService;
import dev.lanyard.token.TokenSettings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /v2/oauth/jwks}: the public keys of the request's domain. A plain servlet (an exact path wins over the
 * JAX-RS application's /v2/*): every resource server fetches it, and JAX-RS's request path cost more than the
 * document, which is serialized once per read of the keys.
 */
@WebServlet("/v2/oauth/jwks")
public class JwksServlet extends HttpServlet {

    @Inject
    SigningKeyService keys;

    @Inject
    DomainService domains;

    @Inject
    TokenSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = keys.publishedKeysJson(domains.domainIdOf(request));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // a short cache, well inside the time a new key is published before it signs
        response.setHeader("Cache-Control", "public, max-age=" + settings.jwksMaxAge().toSeconds());
        response.getWriter().write(body);
    }
}
