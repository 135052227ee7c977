package dev.lanyard.security;

import dev.lanyard.config.BrowserSessionSettings;
import dev.lanyard.database.DataSourceDeclaration;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Signed-in browsers, kept in the database ({@code browser_sessions}) so that every node knows them: the
 * {@link BrowserCookies#SESSION} cookie's hash names the row. A session ends when the browser signs out, when it has
 * been idle for {@code lanyard.session.idle-minutes}, or {@code lanyard.session.max-hours} after sign-in; an
 * administrator's "revoke sessions" ends all of a user's. A browser's row is read once per request.
 */
@ApplicationScoped
public class BrowserSessions {

    /** How often a session in use has its idle deadline pushed back (one write a minute, not one per page). */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** Browsers listed on an account page; a user signed in with more sees the newest. */
    static final int MAX_LISTED = 50;
    private static final String CURRENT = "lanyard.browserSession";

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    BrowserCookies cookies;

    @Inject
    BrowserSessionSettings settings;

    @Inject
    Clock clock;

    /** A browser's session as read for this request. */
    record Current(String sessionHash, SessionLogin login, String managedDomainId) {
    }

    /** Signs the browser in: the session it had ends, a new one (new cookie value) starts. */
    @Transactional
    public SessionLogin start(HttpServletRequest request, HttpServletResponse response, String domainId, String userId, String method) {
        Optional<String> previous = BrowserCookies.session(request);
        String secret = cookies.startSession(request, response);
        Instant now = clock.instant();
        String hash = OpaqueSecrets.sha256Hex(secret);
        try (Connection connection = dataSource.getConnection()) {
            if (previous.isPresent()) {
                delete(connection, OpaqueSecrets.sha256Hex(previous.get()));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO browser_sessions (session_hash, domain_id, user_id,"
                    + " method, signed_in_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, hash);
                insert.setString(2, domainId);
                insert.setString(3, userId);
                insert.setString(4, method);
                insert.setObject(5, utc(now));
                insert.setObject(6, utc(now));
                insert.setObject(7, utc(expiry(now, now)));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a browser session", e);
        }
        SessionLogin login = new SessionLogin(domainId, userId, method, now);
        request.setAttribute(CURRENT, Optional.of(new Current(hash, login, null)));
        return login;
    }

    /** The browser's sign-in, when its cookie names a session that has not ended. */
    public Optional<SessionLogin> current(HttpServletRequest request) {
        return currentSession(request).map(Current::login);
    }

    /** Signs the browser out: its row goes and its cookie is dropped. */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(CURRENT, Optional.empty());
        Optional<String> secret = BrowserCookies.session(request);
        if (secret.isEmpty()) {
            return; // signed out already, in this request or before
        }
        cookies.endSession(request, response);
        try (Connection connection = dataSource.getConnection()) {
            delete(connection, OpaqueSecrets.sha256Hex(secret.get()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end a browser session", e);
        }
    }

    /** Ends every browser session of a user, in the caller's transaction; returns how many there were. */
    @Transactional
    public int endAllOf(String domainId, String userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM browser_sessions WHERE domain_id = ? AND user_id = ?")) {
            delete.setString(1, domainId);
            delete.setString(2, userId);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end browser sessions", e);
        }
    }

    /** A browser a user is signed in with, for their account page. */
    public record SignedInBrowser(String method, Instant signedInAt, Instant lastSeenAt, boolean current) {
    }

    /** The browsers the user is signed in with now (at most {@value #MAX_LISTED}), the newest sign-in first. */
    public List<SignedInBrowser> browsersOf(HttpServletRequest request, String domainId, String userId) {
        String currentHash = currentSession(request).map(Current::sessionHash).orElse("");
        List<SignedInBrowser> browsers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT session_hash, method, signed_in_at, last_seen_at"
                     + " FROM browser_sessions WHERE domain_id = ? AND user_id = ? AND expires_at > ? ORDER BY signed_in_at DESC")) {
            select.setString(1, domainId);
            select.setString(2, userId);
            select.setObject(3, utc(clock.instant()));
            select.setMaxRows(MAX_LISTED);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    browsers.add(new SignedInBrowser(row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                            row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(1).equals(currentHash)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list browser sessions", e);
        }
        return browsers;
    }

    /** Signs the user out of every browser but this one; returns how many were signed out. */
    public int endOthers(HttpServletRequest request) {
        Current current = currentSession(request).orElseThrow(() -> new IllegalStateException("not signed in"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM browser_sessions WHERE domain_id = ? AND user_id = ? AND session_hash <> ?")) {
            delete.setString(1, current.login().domainId());
            delete.setString(2, current.login().userId());
            delete.setString(3, current.sessionHash());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end browser sessions", e);
        }
    }

    /** The domain a platform operator's console acts on instead of their own, if they chose one. */
    public Optional<String> managedDomain(HttpServletRequest request) {
        return currentSession(request).map(Current::managedDomainId);
    }

    /** Makes the console of this browser act on {@code domainId} (null: the user's own domain again). */
    public void manage(HttpServletRequest request, String domainId) {
        Current current = currentSession(request).orElseThrow(() -> new IllegalStateException("not signed in"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE browser_sessions SET managed_domain_id = ? WHERE session_hash = ?")) {
            update.setString(1, domainId);
            update.setString(2, current.sessionHash());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update a browser session", e);
        }
        request.setAttribute(CURRENT, Optional.of(new Current(current.sessionHash(), current.login(), domainId)));
    }

    @SuppressWarnings("unchecked")
    private Optional<Current> currentSession(HttpServletRequest request) {
        if (request.getAttribute(CURRENT) instanceof Optional<?> cached) {
            return (Optional<Current>) cached;
        }
        Optional<Current> found = BrowserCookies.session(request).flatMap(secret -> read(OpaqueSecrets.sha256Hex(secret)));
        request.setAttribute(CURRENT, found);
        return found;
    }

    private Optional<Current> read(String hash) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            Current current;
            Instant signedInAt;
            Instant lastSeenAt;
            try (PreparedStatement select = connection.prepareStatement("SELECT domain_id, user_id, method, signed_in_at, last_seen_at,"
                    + " expires_at, managed_domain_id FROM browser_sessions WHERE session_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || !row.getObject(6, OffsetDateTime.class).toInstant().isAfter(now)) {
                        return Optional.empty();
                    }
                    signedInAt = row.getObject(4, OffsetDateTime.class).toInstant();
                    lastSeenAt = row.getObject(5, OffsetDateTime.class).toInstant();
                    current = new Current(hash, new SessionLogin(row.getString(1), row.getString(2), row.getString(3), signedInAt),
                            row.getString(7));
                }
            }
            if (lastSeenAt.plus(TOUCH_EVERY).isBefore(now)) {
                try (PreparedStatement touch = connection.prepareStatement(
                        "UPDATE browser_sessions SET last_seen_at = ?, expires_at = ? WHERE session_hash = ?")) {
                    touch.setObject(1, utc(now));
                    touch.setObject(2, utc(expiry(signedInAt, now)));
                    touch.setString(3, hash);
                    touch.executeUpdate();
                }
            }
            return Optional.of(current);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a browser session", e);
        }
    }

    /** Idle deadline from the last sign of life, never past the absolute limit from sign-in. */
    private Instant expiry(Instant signedInAt, Instant lastSeen) {
        Instant idle = lastSeen.plus(settings.idle());
        Instant absolute = signedInAt.plus(settings.max());
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private static void delete(Connection connection, String hash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM browser_sessions WHERE session_hash = ?")) {
            delete.setString(1, hash);
            delete.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
