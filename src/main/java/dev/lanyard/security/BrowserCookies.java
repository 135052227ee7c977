package dev.lanyard.security;

import dev.lanyard.config.ServerSettings;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two cookies that carry a browser's state to whichever node serves its next request (the database holds the
 * rest, keyed by their hashes):
 * <ul>
 *   <li>{@value #BROWSER}: a random value the browser keeps until it closes. It binds what the browser starts before
 *       it signs in (authorization requests, trips to a provider, SMS codes sent from the logon page) to that browser
 *       and is the basis of the CSRF token until sign-in. {@link BrowserCookieFilter} gives one to every browser.</li>
 *   <li>{@value #SESSION}: a random value given at sign-in and dropped at sign-out; its hash keys the
 *       {@code browser_sessions} row (see {@link BrowserSessions}).</li>
 * </ul>
 * Both are 256-bit, HttpOnly, SameSite=Lax (a cross-site form post carries neither) and Secure behind https. A value
 * set during a request is seen by the rest of that request, before the browser sends it back.
 */
@ApplicationScoped
public class BrowserCookies {

    public static final String BROWSER = "LANYARD_BROWSER";
    public static final String SESSION = "LANYARD_SESSION";
    private static final String BROWSER_ATTRIBUTE = "lanyard.browserCookie";
    private static final String SESSION_ATTRIBUTE = "lanyard.sessionCookie";
    /** What {@link OpaqueSecrets#newSecret()} makes: anything else in these cookies is ignored (and replaced). */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Inject
    ServerSettings serverSettings;

    /** The browser's value; one is made, and set on the response, when the browser has none yet. */
    public String browser(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> existing = browser(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        String created = OpaqueSecrets.newSecret();
        request.setAttribute(BROWSER_ATTRIBUTE, created);
        response.addCookie(cookie(request, BROWSER, created, -1));
        return created;
    }

    public static Optional<String> browser(HttpServletRequest request) {
        if (request.getAttribute(BROWSER_ATTRIBUTE) instanceof String set) {
            return Optional.of(set);
        }
        return valueOf(request, BROWSER);
    }

    /**
     * What binds something a browser starts (an authorization request, a trip to a provider, an SMS code sent from the
     * logon page) to that browser: the SHA-256 of its {@value #BROWSER} cookie, the same on every node and after sign-in.
     */
    public static Optional<String> binding(HttpServletRequest request) {
        return browser(request).map(OpaqueSecrets::sha256Hex);
    }

    /** {@link #binding} of a page request, which always has the cookie ({@link BrowserCookieFilter}). */
    public static String requiredBinding(HttpServletRequest request) {
        return binding(request).orElseThrow(() -> new IllegalStateException("the browser has no " + BROWSER + " cookie"));
    }

    /** The sign-in cookie's value (whether or not a session still matches it); empty after an end in this request. */
    public static Optional<String> session(HttpServletRequest request) {
        if (request.getAttribute(SESSION_ATTRIBUTE) instanceof String set) {
            return set.isEmpty() ? Optional.empty() : Optional.of(set);
        }
        return valueOf(request, SESSION);
    }

    /** A new sign-in cookie with a fresh value, returned so its hash can be stored. */
    String startSession(HttpServletRequest request, HttpServletResponse response) {
        String value = OpaqueSecrets.newSecret();
        request.setAttribute(SESSION_ATTRIBUTE, value);
        response.addCookie(cookie(request, SESSION, value, -1));
        return value;
    }

    /** Drops the sign-in cookie (the browser deletes it; this request no longer sees it). */
    void endSession(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(SESSION_ATTRIBUTE, "");
        if (response != null && !response.isCommitted()) {
            response.addCookie(cookie(request, SESSION, "", 0));
        }
    }

    private Cookie cookie(HttpServletRequest request, String name, String value, int maxAge) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(serverSettings.publicBaseUrl().startsWith("https://"));
        cookie.setAttribute("SameSite", "Lax");
        cookie.setMaxAge(maxAge);
        return cookie;
    }

    private static Optional<String> valueOf(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && cookie.getValue() != null && SHAPE.matcher(cookie.getValue()).matches()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
