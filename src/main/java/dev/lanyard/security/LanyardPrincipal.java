package dev.lanyard.security;

import dev.lanyard.user.Role;
import jakarta.security.enterprise.CallerPrincipal;

/** The signed-in caller: a user of one domain. {@link #getName()} is the user_id. */
public class LanyardPrincipal extends CallerPrincipal {

    private final String domainId;
    private final String displayName;
    private final Role role;

    public LanyardPrincipal(String domainId, String userId, String displayName, Role role) {
        super(userId);
        this.domainId = domainId;
        this.displayName = displayName;
        this.role = role;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getUserId() {
        return getName();
    }

    public String getDisplayName() {
        return displayName;
    }

    public Role getRole() {
        return role;
    }
}
