package dev.lanyard.it.support;

import dev.lanyard.security.PasswordHasher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test server runs on, which the test can also reach: a fresh H2 file opened in AUTO_SERVER mode (so
 * the test JVM can connect while Lanyard holds it), or a fresh PostgreSQL database on the server named by
 * LANYARD_TEST_DB_URL. Tests seed rows here that no API of this issue creates (other domains, disabled users).
 */
public final class TestDatabase {

    /** Seeded passwords cost what Lanyard's own do, so timings compare like with like. */
    private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);

    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new, empty database for one server (or several servers that share it). */
    public static TestDatabase fresh(String name) {
        String pgUrl = System.getenv("LANYARD_TEST_DB_URL");
        if (pgUrl == null || pgUrl.isBlank()) {
            Path file = Path.of(System.getProperty("lanyard.it.workDir", "target/it")).resolve(name).resolve("db")
                    .resolve("lanyard-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            return new TestDatabase("jdbc:h2:file:" + file
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE", "lanyard", "");
        }
        String pgUser = envOr("LANYARD_TEST_DB_USER", "postgres");
        String pgPassword = envOr("LANYARD_TEST_DB_PASSWORD", "");
        String database = "lanyard_it_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database at " + pgUrl, e);
        }
        String url = pgUrl.replaceAll("/[^/?]*(\\?.*)?$", "/" + database + "$1");
        return new TestDatabase(url, pgUser, pgPassword);
    }

    /** A database that exists already (a test that reaches it another way than Lanyard does). */
    public static TestDatabase existing(String url, String user, String password) {
        return new TestDatabase(url, user, password);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    public Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("LANYARD_DB_URL", url);
        env.put("LANYARD_DB_USER", user);
        if (!password.isEmpty()) {
            env.put("LANYARD_DB_PASSWORD", password);
        }
        return env;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public void createDomain(String domainId, String name) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO domains (domain_id, name, status, created_at, updated_at) VALUES (?, ?, 'ENABLED', ?, ?)")) {
            ps.setString(1, domainId);
            ps.setString(2, name);
            ps.setObject(3, now());
            ps.setObject(4, now());
            ps.executeUpdate();
        }
    }

    /** A user with a password identity (username = {@code username}); returns the generated user_id. */
    public String createPasswordUser(String domainId, String username, String plainPassword, String role, String status)
            throws SQLException {
        String userId = UUID.randomUUID().toString().replace("-", "");
        try (Connection c = connect()) {
            long userRef = nextId(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, domain_id, user_id, nick_name, role, status, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, userRef);
                ps.setString(2, domainId);
                ps.setString(3, userId);
                ps.setString(4, username);
                ps.setString(5, role);
                ps.setString(6, status);
                ps.setObject(7, now());
                ps.setObject(8, now());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO identities (id, domain_id, user_ref, identity_type, identity_value, secret_hash, created_at) "
                    + "VALUES (?, ?, ?, 'password', ?, ?, ?)")) {
                ps.setLong(1, nextId(c));
                ps.setString(2, domainId);
                ps.setLong(3, userRef);
                ps.setString(4, username.toLowerCase(Locale.ROOT));
                ps.setString(5, HASHER.hash(plainPassword.toCharArray()));
                ps.setObject(6, now());
                ps.executeUpdate();
            }
        }
        return userId;
    }

    /**
     * An app (OAuth client) as an administrator would register it; {@code clientSecret} is stored as Lanyard stores
     * it (SHA-256) and may be null for public apps.
     */
    public void createApp(String domainId, String appId, String type, String clientSecret, java.util.List<String> redirectUris,
                          java.util.List<String> scopes, boolean firstParty) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO apps (id, domain_id, app_id, name, "
                + "app_type, status, built_in, first_party, secret_hash, redirect_uris, scopes, access_token_seconds, "
                + "refresh_token_seconds, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'ENABLED', FALSE, ?, ?, ?, ?, 7200, 2592000, ?, ?)")) {
            ps.setLong(1, nextId(c));
            ps.setString(2, domainId);
            ps.setString(3, appId);
            ps.setString(4, "App " + appId);
            ps.setString(5, type);
            ps.setBoolean(6, firstParty);
            ps.setString(7, clientSecret == null ? null : dev.lanyard.token.OpaqueSecrets.sha256Hex(clientSecret));
            ps.setString(8, String.join("\n", redirectUris));
            ps.setString(9, String.join("\n", scopes));
            ps.setObject(10, now());
            ps.setObject(11, now());
            ps.executeUpdate();
        }
    }

    /**
     * A JWT app with these public keys (kid to PEM), optionally a JWKS URL, and what its assertions may do.
     */
    public void createJwtApp(String domainId, String appId, java.util.Map<String, String> pemByKid, String jwksUrl,
                             boolean serviceTokens, boolean autoCreateUsers) throws SQLException {
        createApp(domainId, appId, "JWT", null, java.util.List.of(), java.util.List.of("all"), false);
        update("UPDATE apps SET jwks_url = ?, service_tokens = ?, auto_create_users = ? WHERE domain_id = ? AND app_id = ?",
                jwksUrl, serviceTokens, autoCreateUsers, domainId, appId);
        try (Connection c = connect()) {
            long appRef;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM apps WHERE domain_id = ? AND app_id = ?")) {
                ps.setString(1, domainId);
                ps.setString(2, appId);
                try (var rows = ps.executeQuery()) {
                    rows.next();
                    appRef = rows.getLong(1);
                }
            }
            for (java.util.Map.Entry<String, String> key : pemByKid.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_public_keys (id, app_ref, kid, pem, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
                    ps.setLong(1, nextId(c));
                    ps.setLong(2, appRef);
                    ps.setString(3, key.getKey());
                    ps.setString(4, key.getValue());
                    ps.setObject(5, now());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** A login identity (e.g. type mobile, value +8613800138000) of an existing user. */
    public void addIdentity(String domainId, String userId, String type, String value) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO identities (id, domain_id, user_ref, "
                + "identity_type, identity_value, created_at) SELECT ?, ?, u.id, ?, ?, ? FROM users u WHERE u.domain_id = ? AND u.user_id = ?")) {
            ps.setLong(1, nextId(c));
            ps.setString(2, domainId);
            ps.setString(3, type);
            ps.setString(4, value);
            ps.setObject(5, now());
            ps.setString(6, domainId);
            ps.setString(7, userId);
            ps.executeUpdate();
        }
    }

    /** Enables a user system in a domain with the given settings (JSON, stored as given: secrets stay plain). */
    public void enableUserSystem(String domainId, String userSystem, String settingsJson) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO domain_user_systems "
                + "(id, domain_id, user_system, enabled, settings, updated_at) VALUES (?, ?, ?, TRUE, ?, ?)")) {
            ps.setLong(1, nextId(c));
            ps.setString(2, domainId);
            ps.setString(3, userSystem);
            ps.setString(4, settingsJson);
            ps.setObject(5, now());
            ps.executeUpdate();
        }
    }

    /** The first column of the first row, as a string (null when there is no row). */
    public String string(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    public long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long nextId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('lanyard_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
