package dev.lanyard.usersystem.federation;

import dev.lanyard.security.BrowserCookies;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What binds a login transaction to one browser: the hash of its {@link BrowserCookies#BROWSER} cookie (it survives
 * sign-in, and every node sees the same one). A trip to a provider or an SMS code sent from the logon page stores only
 * this hash, and the callback or the sign-in must come from the same browser.
 */
public final class BrowserBinding {

    private BrowserBinding() {
    }

    /** The binding of this browser (every page request has the cookie: {@link dev.lanyard.security.BrowserCookieFilter}). */
    public static String of(HttpServletRequest request) {
        return existing(request).orElseThrow(() -> new IllegalStateException("the browser has no " + BrowserCookies.BROWSER + " cookie"));
    }

    /** The binding of this browser, if it sent its cookie. */
    public static Optional<String> existing(HttpServletRequest request) {
        return BrowserCookies.browser(request).map(OpaqueSecrets::sha256Hex);
    }

    /** A code this browser shows for scanning with a phone: its trip's state, the URL in the code and the number to pick. */
    public record PendingScan(String state, String authorizeUrl, String matchCode) {
    }
}
