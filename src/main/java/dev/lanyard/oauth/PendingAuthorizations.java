package dev.lanyard.oauth;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Authorization requests waiting for the user to sign in and consent, held in the browser's session: a request id
 * only works in the session that started it. At most {@value #MAX} per session; the oldest goes first.
 */
public final class PendingAuthorizations implements Serializable {

    static final int MAX = 20;
    private static final String ATTRIBUTE = "lanyard.pendingAuthorizations";

    private final LinkedHashMap<String, AuthorizationRequest> requests = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AuthorizationRequest> eldest) {
            return size() > MAX;
        }
    };

    public static PendingAuthorizations of(HttpSession session) {
        synchronized (session) {
            Object existing = session.getAttribute(ATTRIBUTE);
            if (existing instanceof PendingAuthorizations pending) {
                return pending;
            }
            PendingAuthorizations created = new PendingAuthorizations();
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    public synchronized void put(AuthorizationRequest request) {
        requests.put(request.id(), request);
    }

    public synchronized Optional<AuthorizationRequest> get(String id) {
        return Optional.ofNullable(id == null ? null : requests.get(id));
    }

    /** Removes and returns the request: each one ends in exactly one code or one error. */
    public synchronized Optional<AuthorizationRequest> take(String id) {
        return Optional.ofNullable(id == null ? null : requests.remove(id));
    }
}
