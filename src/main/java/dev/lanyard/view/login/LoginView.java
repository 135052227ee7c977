package dev.lanyard.view.login;

import dev.lanyard.domain.DomainService;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.usersystem.password.PasswordLoginMethod;
import dev.lanyard.view.SafeRedirect;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ResourceBundle;

/** The password form of the logon page: collects input, asks the security core, shows the outcome. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext facesContext;

    @Inject
    DomainService domains;

    private String username;
    private String password;
    private String next;

    public void login() throws IOException {
        ExternalContext external = facesContext.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        UsernamePasswordCredential credential = new UsernamePasswordCredential(
                username == null ? "" : username, new Password(password == null ? "" : password));
        password = null;
        AuthenticationStatus status = securityContext.authenticate(request, response,
                AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
        switch (status) {
            case SUCCESS -> external.redirect(request.getContextPath() + SafeRedirect.localPathOr(next, landingPath()));
            case SEND_CONTINUE -> facesContext.responseComplete();
            default -> {
                ResourceBundle text = facesContext.getApplication().getResourceBundle(facesContext, "text");
                if (request.getAttribute(PasswordLoginMethod.BUSY_ATTRIBUTE) instanceof Long retryAfter) {
                    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    response.setHeader("Retry-After", Long.toString(retryAfter));
                    facesContext.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text.getString("login.busy"), null));
                } else {
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    facesContext.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text.getString("login.failed"), null));
                }
            }
        }
    }

    /** Administrators land on the console; other users stay on the logon page, which then shows who is signed in. */
    private String landingPath() {
        boolean admin = securityContext.isCallerInRole("superadmin") || securityContext.isCallerInRole("admin");
        return admin ? "/admin/" : "/";
    }

    public String getDomainName() {
        HttpServletRequest request = (HttpServletRequest) facesContext.getExternalContext().getRequest();
        return domains.find(domains.domainIdOf(request)).map(d -> d.getName()).orElse("");
    }

    public LanyardPrincipal getSignedIn() {
        return securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst().orElse(null);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
