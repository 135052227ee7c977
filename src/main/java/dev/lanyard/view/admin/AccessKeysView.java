package dev.lanyard.view.admin;

import dev.lanyard.accesskey.AccessKey;
import dev.lanyard.accesskey.AccessKeyService;
import dev.lanyard.accesskey.AccessKeyStatus;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The console's AccessKeys page (superadmins only, like the API): the domain's keys with their last use, create one
 * (its secret is on the answer page this once, which no cache keeps), disable or enable, delete after a confirmation.
 * Every change is an audit event.
 */
@Named
@RequestScoped
public class AccessKeysView {

    @Inject
    SecurityContext securityContext;

    @Inject
    AccessKeyService accessKeys;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    HttpServletRequest request;

    @Inject
    Clock clock;

    private LanyardPrincipal caller;
    private String role = "admin";
    private String description;
    private AccessKeyService.Created created;

    @PostConstruct
    void load() {
        caller = securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst().orElse(null);
        if (caller == null || caller.getRole() != Role.SUPERADMIN) {
            FacesContext faces = FacesContext.getCurrentInstance();
            try {
                faces.getExternalContext().responseSendError(403, "only a superadmin manages AccessKey pairs");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            faces.responseComplete();
            caller = null;
        }
    }

    public List<AccessKey> getKeys() {
        return caller == null ? List.of() : accessKeys.pageAfter(caller.getDomainId(), null, accessKeys.maxPerDomain());
    }

    public String create() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle text = faces.getApplication().getResourceBundle(faces, "text");
        Role chosen = "superadmin".equals(role) ? Role.SUPERADMIN : "admin".equals(role) ? Role.ADMIN : null;
        String trimmed = description == null || description.isBlank() ? null : description.trim();
        boolean valid = true;
        if (chosen == null) {
            faces.addMessage("create-form:role", new FacesMessage(FacesMessage.SEVERITY_ERROR, text.getString("admin.keys.badRole"), null));
            valid = false;
        }
        if (trimmed != null && trimmed.length() > AccessKeyService.MAX_DESCRIPTION) {
            faces.addMessage("create-form:description", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    text.getString("admin.keys.descriptionTooLong"), null));
            valid = false;
        }
        if (!valid) {
            return null;
        }
        try {
            created = accessKeys.create(caller.getDomainId(), chosen, trimmed);
        } catch (AccessKeyService.TooManyKeys full) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text.getString("admin.keys.tooMany"), null));
            return null;
        }
        audited("access_key.created", created.key());
        description = null;
        return null; // this answer shows the secret; a redirect would lose it
    }

    public String toggle(String accessKeyId) {
        accessKeys.change(caller.getDomainId(), accessKeyId, k -> k.update(k.getRole(), k.getDescription(),
                k.isEnabled() ? AccessKeyStatus.DISABLED : AccessKeyStatus.ENABLED, clock.instant()))
                .ifPresent(key -> audited("access_key.updated", key));
        return "/admin/access-keys.xhtml?faces-redirect=true";
    }

    public String delete(String accessKeyId) {
        accessKeys.find(caller.getDomainId(), accessKeyId).ifPresent(key -> {
            if (accessKeys.delete(caller.getDomainId(), accessKeyId)) {
                audited("access_key.deleted", key);
            }
        });
        return "/admin/access-keys.xhtml?faces-redirect=true";
    }

    private void audited(String event, AccessKey key) {
        audit.record(new AuditLog.Entry(caller.getDomainId(), event, null, null, caller.getName(), clientAddresses.of(request),
                key.auditDetail()));
    }

    public AccessKeyService.Created getCreated() {
        return created;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
