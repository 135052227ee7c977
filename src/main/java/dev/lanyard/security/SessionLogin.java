package dev.lanyard.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * A browser's sign-in as {@link BrowserSessions} keeps it; the user is re-read on each request so a disabled user is
 * out at once.
 */
public record SessionLogin(String domainId, String userId, String method, Instant signedInAt) implements Serializable {
}
