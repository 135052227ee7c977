package dev.lanyard.usersystem.federation;

import dev.lanyard.token.OpaqueSecrets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser's login transaction: a random id kept in its session (it survives the session-id change at sign-in).
 * A trip stores only the hash of it, and a callback must come back with the same one.
 */
public final class BrowserBinding {

    private static final String TRANSACTION = "lanyard.loginTransaction";
    private static final String SCANS = "lanyard.pendingScans";

    private BrowserBinding() {
    }

    /** The binding of this browser, starting its login transaction if it has none yet. */
    public static String of(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            if (!(session.getAttribute(TRANSACTION) instanceof String id)) {
                String created = OpaqueSecrets.newSecret();
                session.setAttribute(TRANSACTION, created);
                return OpaqueSecrets.sha256Hex(created);
            }
            return OpaqueSecrets.sha256Hex(id);
        }
    }

    /** The binding of this browser if it has started a login transaction. */
    public static Optional<String> existing(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(TRANSACTION) instanceof String id
                ? Optional.of(OpaqueSecrets.sha256Hex(id)) : Optional.empty();
    }

    /** The state of the code this browser shows for scanning with a phone, per user system (the newest one). */
    static void rememberScan(HttpServletRequest request, String userSystem, String state) {
        scans(request.getSession(true)).put(userSystem, state);
    }

    static Optional<String> pendingScan(HttpServletRequest request, String userSystem) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable(scans(session).get(userSystem));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> scans(HttpSession session) {
        synchronized (session) {
            if (session.getAttribute(SCANS) instanceof PendingScans existing) {
                return existing.states;
            }
            PendingScans created = new PendingScans();
            session.setAttribute(SCANS, created);
            return created.states;
        }
    }

    private static final class PendingScans implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> states = new ConcurrentHashMap<>();
    }
}
