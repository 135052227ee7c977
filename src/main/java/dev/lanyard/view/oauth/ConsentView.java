package dev.lanyard.view.oauth;

import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.oauth.AuthorizationRequest;
import dev.lanyard.oauth.AuthorizationResponses;
import dev.lanyard.oauth.PendingAuthorizations;
import dev.lanyard.security.SessionLogin;
import dev.lanyard.token.AuthorizationCode;
import dev.lanyard.token.AuthorizationCodeService;
import dev.lanyard.token.Issuers;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.faces.view.ViewScoped;
import java.io.Serializable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The consent step of an authorization request: shows the app and the scopes, and on "Allow" gets a code from the
 * token module and sends the browser back to the app. First-party apps that asked for hide_consent skip the page.
 */
@Named
@ViewScoped
public class ConsentView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AppService apps;

    @Inject
    AuthorizationCodeService codes;

    @Inject
    Issuers issuers;

    private String requestId;
    // what the page shows; kept for the postback (a view-scoped bean, so the form is still rendered when it is posted)
    private String appName;
    private List<String> scopes = List.of();

    /** On GET: find the pending request of this session, or skip the page for a first-party app that asked to. */
    public void load() throws IOException {
        Optional<AuthorizationRequest> pending = pending().get(requestId).filter(r -> r.domainId().equals(login().domainId()));
        if (pending.isEmpty()) {
            return;
        }
        AuthorizationRequest authorization = pending.get();
        Optional<App> app = apps.find(authorization.domainId(), authorization.appId()).filter(App::isEnabled);
        if (app.isEmpty()) {
            return;
        }
        appName = app.get().getName();
        scopes = List.of(authorization.scope().split(" "));
        if (authorization.hideConsent() && app.get().isFirstParty() && !authorization.prompt().contains("consent")) {
            allow();
        }
    }

    public void allow() throws IOException {
        Optional<AuthorizationRequest> taken = pending().take(requestId);
        if (taken.isEmpty() || !taken.get().domainId().equals(login().domainId())) {
            return;
        }
        AuthorizationRequest r = taken.get();
        SessionLogin login = login();
        String code = codes.issue(new AuthorizationCode.CodeGrant(r.domainId(), r.appId(), login.userId(), r.redirectUri(),
                r.scope(), r.codeChallenge(), r.nonce(), login.signedInAt()));
        redirect(AuthorizationResponses.success(r.redirectUri(), code, r.state(), issuers.issuerOf(r.domainId())));
    }

    public void deny() throws IOException {
        Optional<AuthorizationRequest> taken = pending().take(requestId);
        if (taken.isPresent()) {
            AuthorizationRequest r = taken.get();
            redirect(AuthorizationResponses.error(r.redirectUri(), "access_denied", "the user denied the request", r.state(),
                    issuers.issuerOf(r.domainId())));
        }
    }

    private void redirect(String location) throws IOException {
        FacesContext facesContext = FacesContext.getCurrentInstance();
        ExternalContext external = facesContext.getExternalContext();
        external.redirect(location);
        facesContext.responseComplete();
    }

    private PendingAuthorizations pending() {
        return PendingAuthorizations.of((HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(true));
    }

    private SessionLogin login() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return (SessionLogin) request.getSession(true).getAttribute(SessionLogin.ATTRIBUTE);
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
