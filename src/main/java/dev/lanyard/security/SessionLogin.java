package dev.lanyard.security;

import java.io.Serializable;
import java.time.Instant;

/** What the HTTP session remembers of a sign-in; the user is re-read on each request so a disabled user is out at once. */
public record SessionLogin(String domainId, String userId, String method, Instant signedInAt) implements Serializable {

    public static final String ATTRIBUTE = "lanyard.sessionLogin";
}
