package dev.lanyard.view.admin;

import dev.lanyard.accesskey.AccessKey;
import dev.lanyard.accesskey.AccessKeyService;
import dev.lanyard.accesskey.AccessKeyStatus;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.List;

/**
 * The console's AccessKeys page (superadmins only, like the API): the domain's keys with their last use, create one
 * (its secret is on the answer page this once, which no cache keeps), disable or enable, delete after a confirmation.
 * Every change is an audit event.
 */
@Named
@RequestScoped
public class AccessKeysView {

    @Inject
    AdminConsole console;

    @Inject
    AccessKeyService accessKeys;

    @Inject
    Clock clock;

    private LanyardPrincipal caller;
    private String role = "admin";
    private String description;
    private AccessKeyService.Created created;

    @PostConstruct
    void load() {
        caller = console.requireSuperadmin("only a superadmin manages AccessKey pairs") ? console.caller() : null;
    }

    public List<AccessKey> getKeys() {
        return caller == null ? List.of() : accessKeys.pageAfter(console.domainId(), null, accessKeys.maxPerDomain());
    }

    public String create() {
        Role chosen = "superadmin".equals(role) ? Role.SUPERADMIN : "admin".equals(role) ? Role.ADMIN : null;
        String trimmed = description == null || description.isBlank() ? null : description.trim();
        boolean valid = true;
        if (chosen == null) {
            console.error("create-form:role", "admin.keys.badRole");
            valid = false;
        }
        if (trimmed != null && trimmed.length() > AccessKeyService.MAX_DESCRIPTION) {
            console.error("create-form:description", "admin.keys.descriptionTooLong");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        try {
            created = accessKeys.create(console.domainId(), chosen, trimmed);
        } catch (AccessKeyService.TooManyKeys full) {
            console.error(null, "admin.keys.tooMany");
            return null;
        }
        audited("access_key.created", created.key());
        description = null;
        return null; // this answer shows the secret; a redirect would lose it
    }

    public String toggle(String accessKeyId) {
        accessKeys.change(console.domainId(), accessKeyId, k -> k.update(k.getRole(), k.getDescription(),
                k.isEnabled() ? AccessKeyStatus.DISABLED : AccessKeyStatus.ENABLED, clock.instant()))
                .ifPresent(key -> audited("access_key.updated", key));
        return "/admin/access-keys.xhtml?faces-redirect=true";
    }

    public String delete(String accessKeyId) {
        accessKeys.find(console.domainId(), accessKeyId).ifPresent(key -> {
            if (accessKeys.delete(console.domainId(), accessKeyId)) {
                audited("access_key.deleted", key);
            }
        });
        return "/admin/access-keys.xhtml?faces-redirect=true";
    }

    private void audited(String event, AccessKey key) {
        console.audited(event, null, null, key.auditDetail());
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
