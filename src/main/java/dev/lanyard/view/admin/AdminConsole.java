package dev.lanyard.view.admin;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.text.MessageFormat;

/**
 * What every page of the console needs from the request: the signed-in administrator, the domain they manage, the
 * audit event of a change (who and from where, never a secret), a 403 for a page above the caller's role and the
 * messages placed next to a form's fields. The web.xml constraint on /admin/* already admits only admins and
 * superadmins; the checks here are for what only a superadmin may do.
 */
@Named
@RequestScoped
public class AdminConsole {

    @Inject
    SecurityContext securityContext;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    HttpServletRequest request;

    private LanyardPrincipal caller;

    /** The signed-in administrator; present on every page under /admin. */
    public LanyardPrincipal caller() {
        if (caller == null) {
            caller = securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("an admin page without a signed-in caller"));
        }
        return caller;
    }

    /** For the pages' top bar (EL reads properties). */
    public LanyardPrincipal getCaller() {
        return caller();
    }

    /** The domain this administrator manages: their own. */
    public String domainId() {
        return caller().getDomainId();
    }

    public boolean isSuperadmin() {
        return caller().getRole() == Role.SUPERADMIN;
    }

    /**
     * Answers 403 and ends the response unless the caller is a superadmin.
     *
     * @return whether the caller may go on
     */
    public boolean requireSuperadmin(String why) {
        if (isSuperadmin()) {
            return true;
        }
        refuse(why);
        return false;
    }

    /** Answers 403 and ends the response: the page shows nothing. */
    public void refuse(String why) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(403, why);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        faces.responseComplete();
    }

    /** Records a change made by the caller in their domain (in its own transaction: see {@link AuditLog#record}). */
    public void audited(String eventType, String userId, String appId, String detail) {
        audit.record(new AuditLog.Entry(domainId(), eventType, userId, appId, caller().getName(), clientAddresses.of(request),
                detail));
    }

    /**
     * An error message from the text bundle (a MessageFormat pattern when there are arguments), shown next to the
     * component with that client id (null: the page's).
     */
    public void error(String clientId, String textKey, Object... arguments) {
        String pattern = text(textKey);
        String message = arguments.length == 0 ? pattern
                : new MessageFormat(pattern, FacesContext.getCurrentInstance().getViewRoot().getLocale()).format(arguments);
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    /** A text of the page's language. */
    public String text(String textKey) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "text").getString(textKey);
    }
}
