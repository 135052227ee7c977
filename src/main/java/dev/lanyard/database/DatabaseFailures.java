package dev.lanyard.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Telling an outage of the database (worth a retry: 503 with Retry-After) from a bug (500). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * Whether the failure is the database being unreachable or going away (connection refused, dropped, no
     * connection to be had from the pool, the server shutting down), as opposed to a bug or a constraint that no retry
     * would change.
     */
    public static boolean causedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // SQLState class 08: connection exception; 57P: the server is shutting down or cannot connect now
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // the container's pool, when it cannot hand out a connection
                if (sql.getMessage() != null && sql.getMessage().startsWith("Error in allocating a connection")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Answers a request that the database failed: 503 with Retry-After, PDS's ServiceUnavailable JSON for the API
     * (/v2/*), the 503 page for a person.
     */
    public static void answerUnavailable(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        response.resetBuffer();
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/v2/")) {
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"code\":\"ServiceUnavailable\",\"message\":\"the database is unavailable, try again shortly\"}");
        } else {
            response.sendError(jakarta.servlet.http.HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    /** How soon to try again: about what a database restart or fail-over takes. */
    public static final String RETRY_AFTER_SECONDS = "30";
}
