package dev.lanyard.oauth;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import dev.lanyard.database.DatabaseFailures;
import dev.lanyard.domain.DomainService;
import dev.lanyard.oauth.grant.GrantHandler;
import dev.lanyard.oauth.grant.GrantRequest;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POST /v2/oauth/token: authenticates the client, hands the request to the grant it names, answers in PDS's shape.
 *
 * <p>A plain servlet rather than a JAX-RS resource: it is the busiest endpoint, and the JAX-RS layer (routing,
 * injection proxies, a request-scoped resource per call) was a tenth of its CPU time (docs/performance.md). It keeps
 * the JAX-RS contract of the rest of /v2: RFC 6749 JSON errors, never an HTML page or a stack trace.
 */
@WebServlet("/v2/oauth/token")
public class TokenEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class.getName());

    @Inject
    @Any
    Instance<GrantHandler> grants;

    @Inject
    ClientAuthenticator clients;

    @Inject
    DomainService domains;

    /** The grant handlers by grant_type, resolved once: adding a grant is adding a bean. */
    private Map<String, GrantHandler> handlers;

    @Override
    public void init() {
        Map<String, GrantHandler> byType = new HashMap<>();
        grants.forEach(g -> byType.put(g.grantType(), g));
        handlers = Map.copyOf(byType);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            GrantHandler.Result result = token(request);
            write(response, 200, TokenResponses.body(result.tokens(), result.user()).add("is_first_login", result.firstLogin())
                    .build().toString());
        } catch (OAuthException refused) {
            if (refused.status() == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"lanyard\"");
            }
            write(response, refused.status(), refused.toJson());
        } catch (RuntimeException failure) {
            boolean database = DatabaseFailures.causedByDatabase(failure);
            String requestId = OpaqueSecrets.newId();
            LOG.log(database ? Level.WARNING : Level.SEVERE, "Token request " + requestId + " failed", failure);
            if (database) {
                response.setHeader("Retry-After", "5");
            }
            write(response, database ? 503 : 500, new OAuthException(database ? 503 : 500,
                    database ? "temporarily_unavailable" : "server_error", "try again later (request " + requestId + ")").toJson());
        }
    }

    private GrantHandler.Result token(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        if (request.getQueryString() != null) {
            // RFC 6749 section 2.3.1: credentials never travel in the URL, where logs and proxies keep them
            throw OAuthException.invalidRequest("parameters belong in the request body, not in the URL");
        }
        try {
            // the servlet default, ISO-8859-1, would garble non-ASCII values (not set for the whole application: a
            // request-wide default rewrites the Content-Type header, which AccessKey signatures cover)
            request.setCharacterEncoding("UTF-8");
        } catch (java.io.UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, List.of(values)));
        FormLimits.check(form);
        String grantType = form.getFirst("grant_type");
        if (grantType == null) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw new OAuthException(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported");
        }
        String domainId = domains.domainIdOf(request);
        if (!handler.authenticatesClient()) {
            return handler.handle(new GrantRequest(domainId, null, form));
        }
        App app = clients.authenticate(domainId, request.getHeader("Authorization"), form);
        if (app.getType() == AppType.JWT) {
            throw new OAuthException(400, "unauthorized_client", "JWT apps use the jwt-bearer grant");
        }
        return handler.handle(new GrantRequest(domainId, app, form));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        write(response, 405, OAuthException.invalidRequest("the token endpoint takes POST").toJson());
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.getWriter().write(json);
    }
}
