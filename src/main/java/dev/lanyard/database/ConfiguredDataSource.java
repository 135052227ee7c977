package dev.lanyard.database;

import dev.lanyard.config.DatabaseSettings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The physical data source behind Lanyard's connection pool. Payara's pool instantiates this class (see
 * {@link DataSourceDeclaration}); it picks the H2 or PostgreSQL driver from {@link DatabaseSettings}, so one WAR
 * runs on either without a server-side pool definition.
 */
public class ConfiguredDataSource implements DataSource {

    /** Seconds to wait for a database server to accept a connection; a dead database must fail fast, not hang requests. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final DatabaseSettings settings = DatabaseSettings.fromEnvironment();
    private final DataSource delegate = create(settings);
    private PrintWriter logWriter;

    static DataSource create(DatabaseSettings settings) {
        switch (settings.kind()) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(settings.driverUrl());
                h2.setUser(settings.user());
                h2.setPassword(settings.password() == null ? "" : settings.password());
                return h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                try {
                    pg.setURL(settings.url());
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
                if (settings.user() != null) {
                    pg.setUser(settings.user());
                }
                if (settings.password() != null) {
                    pg.setPassword(settings.password());
                }
                pg.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
                pg.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
                pg.setSocketTimeout(60);
                pg.setApplicationName("lanyard");
                return pg;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Opens and closes one connection outside the container pool, which would log a warning with a stack trace for
     * every failed attempt: lets the start-up and readiness retries test the database quietly.
     */
    public static void probe() throws SQLException {
        try (Connection ignored = new ConfiguredDataSource().getConnection()) {
            // reachable
        }
    }

    private DataSource delegate() throws SQLException {
        if (delegate == null) {
            throw new SQLException(DatabaseSettings.URL_SETTING + " is not a jdbc:postgresql: or jdbc:h2: URL that Lanyard can use ("
                    + settings.redactedUrl() + ")", "08001");
        }
        return delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delegate().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the timeout is fixed by CONNECT_TIMEOUT_SECONDS
    }

    @Override
    public int getLoginTimeout() {
        return CONNECT_TIMEOUT_SECONDS;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
