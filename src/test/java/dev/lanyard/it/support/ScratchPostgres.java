package dev.lanyard.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of a test's own on the PostgreSQL server the tests share (LANYARD_TEST_DB_URL, else 127.0.0.1:5432 as CI
 * starts it), for a test that needs PostgreSQL itself; the test is skipped when there is no server. Named
 * {@code lanyard_it_*}, so .ci/run drops what a test that crashed left behind.
 */
public record ScratchPostgres(String adminUrl, String user, String password, String name) {

    /** Creates {@code lanyard_it_<prefix>_<random>}, or aborts the test when no PostgreSQL server answers. */
    public static ScratchPostgres create(String prefix) {
        String adminUrl = envOr("LANYARD_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = envOr("LANYARD_TEST_DB_USER", "postgres");
        String password = envOr("LANYARD_TEST_DB_PASSWORD", "");
        String name = "lanyard_it_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException noPostgres) {
            Assumptions.abort("needs a PostgreSQL server at " + adminUrl + " (CI starts one): " + noPostgres.getMessage());
        }
        return new ScratchPostgres(adminUrl, user, password, name);
    }

    /** The JDBC URL of this database (the server's URL with the database name replaced). */
    public String url() {
        return adminUrl.replaceAll("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** Drops the database, ending the sessions still connected to it. */
    public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
