package dev.lanyard.oauth;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.config.BrowserSessionSettings;
import dev.lanyard.database.DataSourceDeclaration;
import dev.lanyard.security.BrowserCookies;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Authorization requests waiting for the user to sign in and consent, kept in the database ({@code
 * pending_authorizations}) so any node can show the logon and consent pages, and bound to the browser that made them
 * (its {@link BrowserCookies#BROWSER} cookie): a request id works only in that browser, and only once. At most
 * {@code lanyard.authorize.pending-per-browser} per browser (the oldest go first), each for
 * {@code lanyard.authorize.pending-minutes}.
 */
@ApplicationScoped
public class PendingAuthorizations {

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    BrowserSessionSettings settings;

    @Inject
    Clock clock;

    /** Keeps the request for the browser of {@code request}, pushing out its oldest beyond the limit. */
    @Transactional
    public void put(HttpServletRequest request, AuthorizationRequest authorization) {
        String browser = BrowserCookies.requiredBinding(request);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pending_authorizations (request_id, browser_hash,"
                    + " domain_id, request_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, authorization.id());
                insert.setString(2, browser);
                insert.setString(3, authorization.domainId());
                insert.setString(4, toJson(authorization));
                insert.setObject(5, utc(now));
                insert.setObject(6, utc(now.plus(settings.pendingAuthorizationLifetime())));
                insert.executeUpdate();
            }
            try (PreparedStatement trim = connection.prepareStatement("DELETE FROM pending_authorizations WHERE browser_hash = ?"
                    + " AND (expires_at < ? OR request_id NOT IN (SELECT request_id FROM pending_authorizations WHERE browser_hash = ?"
                    + " ORDER BY created_at DESC, request_id LIMIT ?))")) {
                trim.setString(1, browser);
                trim.setObject(2, utc(now));
                trim.setString(3, browser);
                trim.setInt(4, settings.pendingAuthorizationsPerBrowser());
                trim.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep an authorization request", e);
        }
    }

    /** The request with this id, if this browser made it and it is still waiting. */
    public Optional<AuthorizationRequest> get(HttpServletRequest request, String id) {
        Optional<String> browser = BrowserCookies.binding(request);
        if (id == null || browser.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, browser.get(), id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an authorization request", e);
        }
    }

    /**
     * Removes and returns the request: each one ends in exactly one code or one error, even when two nodes are asked
     * at once (only the delete that removed the row returns it).
     */
    @Transactional
    public Optional<AuthorizationRequest> take(HttpServletRequest request, String id) {
        Optional<String> browser = BrowserCookies.binding(request);
        if (id == null || browser.isEmpty()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<AuthorizationRequest> found = read(connection, browser.get(), id);
            if (found.isEmpty()) {
                return found;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM pending_authorizations WHERE request_id = ? AND browser_hash = ?")) {
                delete.setString(1, id);
                delete.setString(2, browser.get());
                return delete.executeUpdate() == 1 ? found : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take an authorization request", e);
        }
    }

    private Optional<AuthorizationRequest> read(Connection connection, String browser, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT request_json FROM pending_authorizations"
                + " WHERE request_id = ? AND browser_hash = ? AND expires_at > ?")) {
            select.setString(1, id);
            select.setString(2, browser);
            select.setObject(3, utc(clock.instant()));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(fromJson(row.getString(1))) : Optional.empty();
            }
        }
    }

    static String toJson(AuthorizationRequest r) {
        JsonArrayBuilder prompt = JSON.createArrayBuilder();
        r.prompt().forEach(prompt::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", r.id()).add("domain_id", r.domainId()).add("app_id", r.appId()).add("redirect_uri", r.redirectUri())
                .add("scope", r.scope()).add("prompt", prompt).add("hide_consent", r.hideConsent());
        addIfPresent(json, "state", r.state());
        addIfPresent(json, "code_challenge", r.codeChallenge());
        addIfPresent(json, "nonce", r.nonce());
        addIfPresent(json, "login_type", r.loginType());
        return json.build().toString();
    }

    static AuthorizationRequest fromJson(String text) {
        JsonObject json = JSON.createReader(new StringReader(text)).readObject();
        Set<String> prompt = new LinkedHashSet<>();
        json.getJsonArray("prompt").getValuesAs(JsonString.class).forEach(p -> prompt.add(p.getString()));
        return new AuthorizationRequest(json.getString("id"), json.getString("domain_id"), json.getString("app_id"),
                json.getString("redirect_uri"), json.getString("scope"), json.getString("state", null),
                json.getString("code_challenge", null), json.getString("nonce", null), json.getString("login_type", null),
                Set.copyOf(prompt), json.getBoolean("hide_consent"));
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
