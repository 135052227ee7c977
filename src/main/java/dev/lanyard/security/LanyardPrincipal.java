package dev.lanyard.security;

import dev.lanyard.user.Role;
import jakarta.security.enterprise.CallerPrincipal;

/**
 * The signed-in caller: a user of one domain. {@link #getName()} is the user_id. {@link #getRole()} is what the caller
 * may do, which for a bearer token is at most what its client may do: a third-party app's token carries its user's
 * identity but never administrator rights.
 */
public class LanyardPrincipal extends CallerPrincipal {

    /** Who presented the credential: a person (session, first-party app), a third-party app, or a server. */
    public enum Via { USER, THIRD_PARTY_APP, SERVICE }

    private final String domainId;
    private final String displayName;
    private final Role role;
    private final Via via;
    private final TokenScope scope;

    public LanyardPrincipal(String domainId, String userId, String displayName, Role role) {
        this(domainId, userId, displayName, role, Via.USER);
    }

    public LanyardPrincipal(String domainId, String userId, String displayName, Role role, Via via) {
        this(domainId, userId, displayName, role, via, TokenScope.UNLIMITED);
    }

    /** A caller with a bearer token, whose API calls are limited to the token's {@code scope}. */
    public LanyardPrincipal(String domainId, String userId, String displayName, Role role, Via via, TokenScope scope) {
        super(userId);
        this.domainId = domainId;
        this.displayName = displayName;
        this.role = role;
        this.via = via;
        this.scope = scope;
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

    public Via getVia() {
        return via;
    }

    /** What the caller's token lets it call ({@link TokenScope#UNLIMITED} for sessions and AccessKey signatures). */
    public TokenScope getScope() {
        return scope;
    }
}
