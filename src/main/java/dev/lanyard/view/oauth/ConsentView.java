package dev.lanyard.view.oauth;

import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.oauth.AuthorizationRequest;
import dev.lanyard.oauth.AuthorizationResponses;
import dev.lanyard.oauth.PendingAuthorizations;
import dev.lanyard.security.BrowserSessions;
import dev.lanyard.security.SessionLogin;
import dev.lanyard.token.AuthorizationCode;
import dev.lanyard.token.AuthorizationCodeService;
import dev.lanyard.token.Issuers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The consent step of an authorization request: shows the app and the scopes, and on "Allow" gets a code from the
 * token module and sends the browser back to the app. First-party apps that asked for hide_consent skip the page.
 * The page is a stateless view and this bean lives for one request: everything it needs is in the database (the
 * pending request, the browser's sign-in) or in the form (the request id), so the page may be rendered by one node
 * and posted to another.
 */
@Named
@RequestScoped
public class ConsentView {

    @Inject
    AppService apps;

    @Inject
    AuthorizationCodeService codes;

    @Inject
    Issuers issuers;

    @Inject
    PendingAuthorizations pending;

    @Inject
    BrowserSessions browserSessions;

    @Inject
    HttpServletRequest request;

    private String requestId;
    private AuthorizationRequest authorization;
    private String appName;
    private boolean firstParty;
    private List<String> scopes = List.of();

    /**
     * Reads the request id from the query (GET) or the form (POST) at once: on a postback the page's "rendered"
     * conditions are evaluated before any view parameter is applied.
     */
    @PostConstruct
    void init() {
        requestId = request.getParameter("request");
        Optional<SessionLogin> login = browserSessions.current(request);
        Optional<AuthorizationRequest> found = login.flatMap(l -> pending.get(request, requestId)
                .filter(r -> r.domainId().equals(l.domainId())));
        Optional<App> app = found.flatMap(r -> apps.find(r.domainId(), r.appId())).filter(App::isEnabled);
        if (app.isPresent()) {
            authorization = found.get();
            appName = app.get().getName();
            firstParty = app.get().isFirstParty();
            scopes = List.of(authorization.scope().split(" "));
        }
    }

    /** On GET: skip the page for a first-party app that asked to. */
    public void load() throws IOException {
        if (authorization != null && authorization.hideConsent() && firstParty && !authorization.prompt().contains("consent")) {
            allow();
        }
    }

    public void allow() throws IOException {
        Optional<SessionLogin> login = browserSessions.current(request);
        Optional<AuthorizationRequest> taken = login.flatMap(l -> pending.take(request, requestId)
                .filter(r -> r.domainId().equals(l.domainId())));
        if (taken.isEmpty()) {
            return;
        }
        AuthorizationRequest r = taken.get();
        String code = codes.issue(new AuthorizationCode.CodeGrant(r.domainId(), r.appId(), login.get().userId(), r.redirectUri(),
                r.scope(), r.codeChallenge(), r.nonce(), login.get().signedInAt()));
        redirect(AuthorizationResponses.success(r.redirectUri(), code, r.state(), issuers.issuerOf(r.domainId())));
    }

    public void deny() throws IOException {
        Optional<AuthorizationRequest> taken = pending.take(request, requestId);
        if (taken.isPresent()) {
            AuthorizationRequest r = taken.get();
            redirect(AuthorizationResponses.error(r.redirectUri(), "access_denied", "the user denied the request", r.state(),
                    issuers.issuerOf(r.domainId())));
        }
    }

    private static void redirect(String location) throws IOException {
        FacesContext facesContext = FacesContext.getCurrentInstance();
        ExternalContext external = facesContext.getExternalContext();
        external.redirect(location);
        facesContext.responseComplete();
    }

    public boolean isFound() {
        return appName != null;
    }

    public String getAppName() {
        return appName;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
