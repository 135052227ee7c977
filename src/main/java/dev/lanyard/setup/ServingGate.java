package dev.lanyard.setup;

import dev.lanyard.database.DatabaseLifecycle;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** While a bad import file is refused, Lanyard answers 503 to everything but its health checks: never half-configured. */
@WebFilter("/*")
public class ServingGate extends HttpFilter {

    @Inject
    DatabaseLifecycle database;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (database.importRefusal() != null && !request.getRequestURI().startsWith(request.getContextPath() + "/health")) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "60");
            response.setContentType("application/json");
            response.getWriter().write("{\"code\":\"ServiceUnavailable\",\"message\":\"Lanyard refused its import file; see the server log\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
