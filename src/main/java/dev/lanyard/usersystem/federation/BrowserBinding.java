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

    /** A code this browser shows for scanning with a phone: its trip's state, the URL in the code and the number to pick. */
    public record PendingScan(String state, String authorizeUrl, String matchCode) implements Serializable {
    }

    /** The newest code this browser shows for a user system (one at a time). */
    static void rememberScan(HttpServletRequest request, String userSystem, PendingScan scan) {
        scans(request.getSession(true)).put(userSystem, scan);
    }

    static Optional<PendingScan> pendingScan(HttpServletRequest request, String userSystem) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable(scans(session).get(userSystem));
    }

    private static Map<String, PendingScan> scans(HttpSession session) {
        synchronized (session) {
            if (session.getAttribute(SCANS) instanceof PendingScans existing) {
                return existing.scans;
            }
            PendingScans created = new PendingScans();
            session.setAttribute(SCANS, created);
            return created.scans;
        }
    }

    private static final class PendingScans implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Map<String, PendingScan> scans = new ConcurrentHashMap<>();
    }
}
