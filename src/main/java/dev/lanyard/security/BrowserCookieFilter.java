package dev.lanyard.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every browser its {@link BrowserCookies#BROWSER} cookie on its first page, before anything on that page
 * needs it (a CSRF token, an authorization request, a trip to a provider). The API, the well-known documents, health
 * checks and static resources are machine traffic and get none.
 */
public class BrowserCookieFilter extends HttpFilter {

    @Inject
    BrowserCookies cookies;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isBrowserPage(RequestPaths.of(request))) {
            cookies.browser(request, response);
        }
        chain.doFilter(request, response);
    }

    static boolean isBrowserPage(String path) {
        if (path.startsWith("/v2/")) {
            return path.equals("/v2/oauth/authorize");
        }
        return !path.startsWith("/.well-known/") && !path.startsWith("/health") && !path.startsWith("/jakarta.faces.resource/")
                && !path.startsWith("/openapi") && !path.startsWith("/metrics");
    }
}
