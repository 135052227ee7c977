package dev.lanyard.database;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Telling a failure of the database (worth a retry: 503 with Retry-After) from a bug (500). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean causedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException) {
                return true;
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
