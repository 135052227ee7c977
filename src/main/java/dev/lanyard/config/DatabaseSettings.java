package dev.lanyard.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Lanyard keeps its data. Read straight from the process environment (and system properties of the same
 * name in lower-case dotted form) because the connection pool creates {@link dev.lanyard.database.ConfiguredDataSource}
 * before the application's MicroProfile Config is available to it.
 *
 * <ul>
 *   <li>{@code LANYARD_DB_URL}, {@code LANYARD_DB_USER}, {@code LANYARD_DB_PASSWORD}: an external database
 *       (PostgreSQL in production).</li>
 *   <li>otherwise an embedded H2 file database under {@code LANYARD_DATA_DIR} (default {@code ./data}).</li>
 * </ul>
 */
public record DatabaseSettings(String url, String user, String password, boolean embedded) {

    public static final String URL_SETTING = "LANYARD_DB_URL";
    public static final String USER_SETTING = "LANYARD_DB_USER";
    public static final String PASSWORD_SETTING = "LANYARD_DB_PASSWORD";

    /** H2 behaves like PostgreSQL for the SQL Lanyard writes, so one set of migrations serves both. */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public static DatabaseSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    static DatabaseSettings from(Map<String, String> env, java.util.Properties sys) {
        Optional<String> url = setting(env, sys, URL_SETTING);
        String user = setting(env, sys, USER_SETTING).orElse(null);
        String password = setting(env, sys, PASSWORD_SETTING).orElse(null);
        if (url.isPresent()) {
            return new DatabaseSettings(url.get().trim(), user, password, false);
        }
        Path dataDir = DataDirectory.resolve(env, sys);
        String h2Url = "jdbc:h2:file:" + dataDir.resolve("lanyard").toAbsolutePath() + H2_OPTIONS;
        return new DatabaseSettings(h2Url, user == null ? "lanyard" : user, password == null ? "" : password, true);
    }

    /** The kind of database named by the URL; {@link Kind#UNSUPPORTED} for anything Lanyard does not ship a driver for. */
    public Kind kind() {
        if (url.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        return Kind.UNSUPPORTED;
    }

    /**
     * The URL the driver gets. An H2 database is kept open while Lanyard runs: by default H2 closes a database when its
     * last connection closes, which the pool does after an idle spell, and a database opened in AUTO_SERVER mode (the
     * tests, an operator's console) then stops serving the other processes connected to it mid-statement.
     */
    public String driverUrl() {
        if (kind() == Kind.H2 && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_DELAY")) {
            return url + ";DB_CLOSE_DELAY=-1";
        }
        return url;
    }

    /** The URL without credentials or options, safe for a log line. */
    public String redactedUrl() {
        String withoutQuery = url.replaceAll("[?;].*$", "");
        return withoutQuery.replaceAll("//[^/@]*@", "//***@");
    }

    public enum Kind { H2, POSTGRESQL, UNSUPPORTED }

    static Optional<String> setting(Map<String, String> env, java.util.Properties sys, String envName) {
        String value = env.get(envName);
        if (value == null || value.isBlank()) {
            value = sys.getProperty(envName.toLowerCase().replace('_', '.'));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
