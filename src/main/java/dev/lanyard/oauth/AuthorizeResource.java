package dev.lanyard.oauth;

import dev.lanyard.app.AppService;
import dev.lanyard.domain.DomainService;
import dev.lanyard.security.BrowserSessions;
import dev.lanyard.token.Issuers;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * GET /v2/oauth/authorize: validates the request, keeps it for this browser (see {@link PendingAuthorizations}), and sends the browser to the
 * logon page (or straight to consent when it is already signed in to this domain).
 */
@Path("oauth/authorize")
@RequestScoped
public class AuthorizeResource {

    public static final String CONSENT_PAGE = "/oauth/consent.xhtml";

    @Inject
    AppService apps;

    @Inject
    DomainService domains;

    @Inject
    Issuers issuers;

    @Inject
    BrowserSessions browserSessions;

    @Inject
    PendingAuthorizations pending;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @Context
    UriInfo uriInfo;

    @GET
    public Response authorize() {
        String domainId = domains.domainIdOf(request);
        AuthorizationRequestValidator.Outcome outcome = AuthorizationRequestValidator.validate(domainId,
                uriInfo.getQueryParameters(), appId -> apps.find(domainId, appId), OpaqueSecrets.newId());
        return switch (outcome) {
            case AuthorizationRequestValidator.Outcome.ErrorPage page -> ErrorPages.oauthError(page.error(), page.description());
            case AuthorizationRequestValidator.Outcome.RedirectError error -> Response.status(302).location(URI.create(
                    AuthorizationResponses.error(error.redirectUri(), error.error(), error.description(), error.state(),
                            issuers.issuerOf(domainId)))).build();
            case AuthorizationRequestValidator.Outcome.Valid valid -> proceed(valid.request());
        };
    }

    private Response proceed(AuthorizationRequest authorization) {
        boolean signedIn = browserSessions.current(request).filter(login -> login.domainId().equals(authorization.domainId())).isPresent();
        if (authorization.prompt().contains("none") && !signedIn) {
            return Response.status(302).location(URI.create(AuthorizationResponses.error(authorization.redirectUri(),
                    "login_required", "the user is not signed in", authorization.state(),
                    issuers.issuerOf(authorization.domainId())))).build();
        }
        if (authorization.prompt().contains("login") && signedIn) {
            browserSessions.end(request, response); // sign in again, as the app asked
        }
        pending.put(request, authorization);
        String consent = request.getContextPath() + CONSENT_PAGE + "?request=" + authorization.id();
        // The consent page requires a signed-in user: the security core sends the browser to the logon page first.
        return Response.status(302).location(URI.create(consent))
                .header("Cache-Control", "no-store").build();
    }
}
