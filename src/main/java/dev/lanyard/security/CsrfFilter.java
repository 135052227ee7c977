package dev.lanyard.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Refuses (403) any state-changing browser request whose form lacks the browser's CSRF token, before a page sees it.
 * The /v2 API and the well-known documents are exempt: they authenticate each call with tokens or signatures, never
 * with the session cookie.
 */
public class CsrfFilter extends HttpFilter {

    @Inject
    CsrfToken csrf;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod()) || isExempt(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getCharacterEncoding() == null) {
            // reading the token parses the form: as UTF-8, the pages' encoding (the servlet default is ISO-8859-1,
            // and after this read nobody, JSF included, can change it)
            request.setCharacterEncoding("UTF-8");
        }
        if (!csrf.matches(request.getParameter(CsrfToken.FIELD))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Forbidden</title></head><body>"
                    + "<h1>Forbidden</h1><p>This form has expired or was not sent from this site. "
                    + "<a href=\"" + request.getContextPath() + "/\">Reload the page</a> and try again.</p></body></html>");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isExempt(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return path.startsWith("/v2/") || path.startsWith("/.well-known/");
    }
}
