package dev.lanyard.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The front door of the API's work: at most {@code lanyard.admission.max-concurrent} POSTs to /v2/* run at once on a
 * node, a few more wait briefly, and the rest are answered at once with 503 and Retry-After (RFC 6749's
 * {@code temporarily_unavailable} on the OAuth endpoints, PDS's {@code ServiceUnavailable} elsewhere). Past its
 * capacity a node so keeps serving what it admits at normal speed instead of queueing everyone into time-outs.
 * Reads (JWKS, discovery, health) are cheap and never held back.
 */
@WebFilter("/v2/*")
public class AdmissionFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "lanyard.admission.max-concurrent", defaultValue = "0")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "lanyard.admission.max-waiting", defaultValue = "0")
    int maxWaiting;

    @Inject
    @ConfigProperty(name = "lanyard.admission.queue-wait-ms", defaultValue = "50")
    long queueWaitMillis;

    private Bulkhead gate;

    @Override
    public void init() {
        // 0 means: four per processor (the work waits on the database part of the time), as many again may wait
        int processors = Runtime.getRuntime().availableProcessors();
        int permits = maxConcurrent > 0 ? maxConcurrent : 4 * processors;
        gate = new Bulkhead("the API", permits, maxWaiting > 0 ? maxWaiting : permits, Duration.ofMillis(Math.max(0, queueWaitMillis)));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            gate.acquire();
        } catch (Bulkhead.Full busy) {
            refuse(request, response, busy);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            gate.release();
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Bulkhead.Full busy) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(busy.retryAfterSeconds()));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        boolean oauth = RequestPaths.of(request).startsWith("/v2/oauth/");
        response.getWriter().write(oauth
                ? "{\"error\":\"temporarily_unavailable\",\"error_description\":\"the server is busy, try again shortly\"}"
                : "{\"code\":\"ServiceUnavailable\",\"message\":\"the server is busy, try again shortly\"}");
    }
}
