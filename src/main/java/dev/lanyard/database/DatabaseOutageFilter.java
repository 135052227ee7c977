package dev.lanyard.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A page or call that failed because the database is unreachable is worth a retry, not a bug: it is answered 503 with
 * Retry-After (the 503 page says so to a person; the API gets PDS's ServiceUnavailable JSON), and every change of that
 * request was rolled back with its transaction. Other failures go on to the 500 page as before.
 */
@WebFilter("/*")
public class DatabaseOutageFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (!DatabaseFailures.causedByDatabase(failure) || response.isCommitted()) {
                throw failure;
            }
            LOG.warning(() -> "The database failed during " + request.getMethod() + " " + request.getRequestURI()
                    + ": answered 503 (" + rootCause(failure) + ")");
            DatabaseFailures.answerUnavailable(request, response);
        }
    }

    /** The innermost exception's class: enough for the log, and never a message that might quote SQL or data. */
    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getName();
    }
}
