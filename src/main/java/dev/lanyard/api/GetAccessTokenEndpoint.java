package dev.lanyard.api;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.database.DatabaseFailures;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /v2/user/get_access_token} {user_id}: a server signing with an AccessKey pair gets the token response
 * for one of its domain's users, minted on the user's behalf ({@link OnBehalfTokens}).
 *
 * <p>A plain servlet rather than a method of {@link UserApi}, for the reason the token endpoint is one: servers call it
 * for every user session they start, and Jersey's routing, per-request injection and response writing were about a
 * tenth of the call (docs/performance.md). The exact mapping wins over the JAX-RS application's {@code /v2/*}. It
 * answers as the rest of /v2 does: the same body limits and Content-MD5 check as {@link RequestBodyFilter}, PDS's
 * error shape, never an HTML page or a stack trace.
 */
@WebServlet("/v2/user/get_access_token")
public class GetAccessTokenEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(GetAccessTokenEndpoint.class.getName());

    @Inject
    SecurityContext securityContext;

    @Inject
    OnBehalfTokens onBehalf;

    @Inject
    ClientAddresses clientAddresses;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = OpaqueSecrets.newId();
        try {
            // who is asking comes first: a request signed for another method is a bad signature, not a wrong method
            AccessKeyPrincipal server = ApiCaller.requireAccessKey(securityContext, request);
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                throw new PdsException(405, "MethodNotAllowed", "get_access_token takes POST");
            }
            String contentType = request.getContentType();
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new PdsException(415, "InvalidParameter.ContentType", "the body must be application/json");
            }
            String userId = JsonBody.parse(RequestBodyFilter.checkedBody(request.getInputStream(), JsonBody.MAX_BODY,
                    request.getContentLengthLong(), request.getHeader("Content-MD5"))).string("user_id", 64);
            if (userId == null || userId.isBlank()) {
                throw new PdsException(400, "InvalidParameter.UserId", "user_id is required");
            }
            write(response, 200, requestId, onBehalf.mintForUser(server, userId, clientAddresses.of(request)));
        } catch (PdsException refused) {
            if (refused.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            }
            if (refused.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            write(response, refused.status(), requestId, refused.toJson(requestId));
        } catch (RuntimeException failure) {
            boolean database = DatabaseFailures.causedByDatabase(failure);
            LOG.log(database ? Level.WARNING : Level.SEVERE, "get_access_token request " + requestId + " failed", failure);
            if (database) {
                response.setHeader("Retry-After", "5");
            }
            write(response, database ? 503 : 500, requestId, new PdsException(database ? 503 : 500,
                    database ? "ServiceUnavailable" : "InternalError", "try again later (request " + requestId + ")").toJson(requestId));
        }
    }

    private static void write(HttpServletResponse response, int status, String requestId, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("x-ca-request-id", requestId);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
