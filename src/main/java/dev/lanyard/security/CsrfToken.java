package dev.lanyard.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of a browser: every form carries it as {@value #FIELD} ({@code #{csrf.token}} in a page), and
 * {@link CsrfFilter} refuses a state-changing request without the right one. It is an HMAC (with a key derived from
 * the master key) of the browser's sign-in cookie, or of its browser cookie before sign-in, so every node computes
 * the same token and nothing is stored; a new sign-in makes a new token, and a cross-site page cannot read the
 * cookies it is made from. A platform operator's token also names the domain their console manages, so a form left
 * open in another tab before they switched domains is refused instead of acting on the domain switched to.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String FIELD = "_csrf";

    @Inject
    HttpServletRequest request;

    @Inject
    SecretCipher cipher;

    @Inject
    BrowserSessions browserSessions;

    private byte[] key;

    @PostConstruct
    void init() {
        key = cipher.deriveKey("csrf-token");
    }

    public String getField() {
        return FIELD;
    }

    /** The token for this browser ("" for a request that carries neither cookie: its forms will be refused). */
    public String getToken() {
        return expected().orElse("");
    }

    boolean matches(String presented) {
        Optional<String> expected = expected();
        return presented != null && expected.isPresent()
                && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private Optional<String> expected() {
        Optional<String> session = BrowserCookies.session(request);
        if (session.isPresent()) {
            return Optional.of(hmac("session:" + session.get() + ":" + browserSessions.managedDomain(request).orElse("")));
        }
        return BrowserCookies.browser(request).map(b -> hmac("browser:" + b));
    }

    private String hmac(String basis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(basis.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
