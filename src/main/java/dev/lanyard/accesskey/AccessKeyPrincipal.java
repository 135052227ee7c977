package dev.lanyard.accesskey;

import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;

/**
 * A caller that signed its request with an AccessKey pair: a server, not a user. Its name is
 * {@code accesskey:<AccessKeyId>} (no user_id can look like that), its rights those of the key's role.
 */
public class AccessKeyPrincipal extends LanyardPrincipal {

    private final String accessKeyId;

    public AccessKeyPrincipal(String domainId, String accessKeyId, String description, Role role) {
        super(domainId, "accesskey:" + accessKeyId, description == null ? "AccessKey " + accessKeyId : description, role,
                Via.SERVICE);
        this.accessKeyId = accessKeyId;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }
}
