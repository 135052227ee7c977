package dev.lanyard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Headers on every response: no framing, no sniffing, no referrer leaks, and no caching of anything but static files. */
public class SecurityHeadersFilter extends HttpFilter {

    // img-src allows https pictures: users' avatars live on their own hosts (fetched without a Referer)
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; object-src 'none'; "
                    + "base-uri 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!isStaticResource(request) && !isPublicDocument(request)) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        chain.doFilter(request, response);
    }

    /** Key sets and metadata set their own short public caching. */
    static boolean isPublicDocument(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return path.startsWith("/.well-known/") || path.equals("/v2/oauth/jwks");
    }

    static boolean isStaticResource(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/");
    }
}
