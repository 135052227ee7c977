package dev.lanyard.view.admin;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.config.ServerSettings;
import dev.lanyard.domain.DomainService;
import dev.lanyard.security.BrowserSessions;
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
import java.util.Optional;

/**
 * What every page of the console needs from the request: the signed-in administrator, the domain they manage, the
 * audit event of a change (who and from where, never a secret), a 403 for a page above the caller's role and the
 * messages placed next to a form's fields. The web.xml constraint on /admin/* already admits only admins and
 * superadmins; the checks here are for what only a superadmin may do.
 * <p>
 * An administrator manages their own domain. The platform's operators (superadmins of the server's default domain)
 * may switch to any domain on the Domains tab; the choice is kept in the HTTP session and checked on every request, so
 * it ends with the operator's role.
 */
@Named
@RequestScoped
public class AdminConsole {

    @Inject
    BrowserSessions browserSessions;

    @Inject
    SecurityContext securityContext;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    HttpServletRequest request;

    @Inject
    ServerSettings serverSettings;

    @Inject
    DomainService domains;

    private LanyardPrincipal caller;
    private String managedDomainId;

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

    /** The domain this administrator manages: their own, or the one an operator switched to. */
    public String domainId() {
        if (managedDomainId == null) {
            managedDomainId = caller().getDomainId();
            Optional<String> chosen = isPlatformOperator() ? browserSessions.managedDomain(request) : Optional.empty();
            if (chosen.isPresent() && domains.exists(chosen.get())) {
                managedDomainId = chosen.get();
            }
        }
        return managedDomainId;
    }

    /** For the pages (EL reads properties). */
    public String getDomainId() {
        return domainId();
    }

    /** Whether the caller manages a domain other than their own (the top bar says so). */
    public boolean isManagingAnotherDomain() {
        return !domainId().equals(caller().getDomainId());
    }

    /** A superadmin of the server's default domain: may create domains and manage any of them. */
    public boolean isPlatformOperator() {
        return isSuperadmin() && caller().getDomainId().equals(serverSettings.defaultDomainId());
    }

    /** Switches the console of an operator to this domain (their own: back home); false for anyone else. */
    public boolean manage(String domainId) {
        if (!isPlatformOperator() || !domains.exists(domainId)) {
            return false;
        }
        browserSessions.manage(request, domainId.equals(caller().getDomainId()) ? null : domainId);
        managedDomainId = domainId;
        return true;
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

    /**
     * Records a change made by the caller in the domain they manage (in its own transaction: see
     * {@link AuditLog#record}); an operator from another domain is named with theirs.
     */
    public void audited(String eventType, String userId, String appId, String detail) {
        audit.record(new AuditLog.Entry(domainId(), eventType, userId, appId, who(), clientAddresses.of(request), detail));
    }

    /** Records a change the caller made in a given domain (a domain they created, or their own). */
    public void auditedIn(String otherDomainId, String eventType, String userId, String detail) {
        String who = otherDomainId.equals(caller().getDomainId()) ? caller().getName() : caller().getName() + "@" + caller().getDomainId();
        audit.record(new AuditLog.Entry(otherDomainId, eventType, userId, null, who, clientAddresses.of(request), detail));
    }

    /** The caller as the audit log names them: user id, and {@code @domain} when not of the managed domain. */
    public String who() {
        return isManagingAnotherDomain() ? caller().getName() + "@" + caller().getDomainId() : caller().getName();
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
