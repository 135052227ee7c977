package dev.lanyard.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The synchronizer token of a browser session: every form carries it as {@value #FIELD} ({@code #{csrf.token}} in a
 * page), and {@link CsrfFilter} refuses a state-changing request without the right one.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String FIELD = "_csrf";
    static final String ATTRIBUTE = "lanyard.csrfToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    HttpServletRequest request;

    public String getField() {
        return FIELD;
    }

    /** The token of this session, created with the session when needed. */
    public String getToken() {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        return token instanceof String s ? s : rotate(session);
    }

    /** A new token, e.g. at sign-in, so a token seen before login is worthless after it. */
    public static String rotate(HttpSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, token);
        return token;
    }

    static boolean matches(HttpSession session, String presented) {
        if (session == null || presented == null || !(session.getAttribute(ATTRIBUTE) instanceof String expected)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
