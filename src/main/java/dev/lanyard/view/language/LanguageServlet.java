package dev.lanyard.view.language;

import dev.lanyard.view.SafeRedirect;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /language?lang=zh&next=/path}: keeps the language a person picked in a cookie for a year and goes back to
 * the page (a local path only); 400 for a language the pages do not have.
 */
@WebServlet(LanguageServlet.PATH)
public class LanguageServlet extends HttpServlet {

    static final String PATH = "/language";
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String code = request.getParameter("lang");
        if (Languages.supported(code) == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "lang must be one of " + String.join(", ", Languages.NAMES.keySet()));
            return;
        }
        Cookie cookie = new Cookie(Languages.COOKIE, code);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(ONE_YEAR_SECONDS);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath()
                + SafeRedirect.localPathOr(stripContext(request, request.getParameter("next")), "/"));
    }

    private static String stripContext(HttpServletRequest request, String next) {
        String context = request.getContextPath();
        return next != null && !context.isEmpty() && next.startsWith(context + "/") ? next.substring(context.length()) : next;
    }
}
