package dev.lanyard.accesskey;

import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import java.time.Instant;
import java.util.Optional;

/**
 * A caller that signed its request with an AccessKey pair: a server, not a user. Its name is
 * {@code accesskey:<AccessKeyId>} (no user_id can look like that), its rights those of the key's role.
 */
public class AccessKeyPrincipal extends LanyardPrincipal {

    private final String accessKeyId;
    private final transient UnclaimedSignature unclaimedSignature;

    public AccessKeyPrincipal(String domainId, String accessKeyId, String description, Role role) {
        this(domainId, accessKeyId, description, role, null);
    }

    /**
     * A caller whose signature's one-time record is still to be written by the resource
     * ({@link AccessKeyAuthentication#RESOURCES_THAT_CLAIM_THE_SIGNATURE}); null when authentication wrote it.
     */
    AccessKeyPrincipal(String domainId, String accessKeyId, String description, Role role, UnclaimedSignature unclaimedSignature) {
        super(domainId, "accesskey:" + accessKeyId, description == null ? "AccessKey " + accessKeyId : description, role,
                Via.SERVICE);
        this.accessKeyId = accessKeyId;
        this.unclaimedSignature = unclaimedSignature;
    }

    /**
     * The signature a resource must record as used, with what it writes, before it answers; empty when it was
     * recorded while the request was authenticated (every resource but the few that write anyway).
     */
    public Optional<UnclaimedSignature> unclaimedSignature() {
        return Optional.ofNullable(unclaimedSignature);
    }

    /** What {@code ReplayGuard.firstUse} takes for the request's signature. */
    public record UnclaimedSignature(String kind, String value, Instant keepUntil) {
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }
}
