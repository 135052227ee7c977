package dev.lanyard.it.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Document;

/** A signed-in browser that runs authorize → (login) → consent and hands back the redirect the app receives. */
public final class OAuthBrowser {

    private final WebSession browser;
    private final String username;
    private final String password;
    private boolean signedIn;

    public OAuthBrowser(LanyardServer server) {
        this(server, "admin", LanyardServer.ADMIN_PASSWORD);
    }

    /** A browser that signs in as this user when the logon page asks. */
    public OAuthBrowser(LanyardServer server, String username, String password) {
        this.browser = new WebSession(server);
        this.username = username;
        this.password = password;
    }

    /** Runs the authorization request with these query parameters and allows it; returns the redirect to the app. */
    public URI authorizeAndAllow(Map<String, String> query) {
        HttpResponse<String> response = browser.get("/v2/oauth/authorize?" + encode(query));
        if (response.statusCode() != 302) {
            throw new AssertionError("authorize did not redirect: " + browser.describeLast());
        }
        String location = path(response.headers().firstValue("Location").orElseThrow());
        if (!location.startsWith("/oauth/consent.xhtml")) {
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        }
        HttpResponse<String> consentOrLogin = browser.get(location);
        if (consentOrLogin.statusCode() == 302) {
            Document loginPage = browser.page(path(consentOrLogin.headers().firstValue("Location").orElseThrow()));
            HttpResponse<String> login = browser.submit(loginPage, "login", Map.of("username", username, "password", password));
            if (login.statusCode() != 302) {
                throw new AssertionError("login failed: " + browser.describeLast());
            }
            signedIn = true;
        }
        Document consent = browser.page(location);
        HttpResponse<String> allowed = browser.submit(consent, "consent", Map.of());
        if (allowed.statusCode() != 302) {
            throw new AssertionError("consent did not redirect: " + browser.describeLast());
        }
        return URI.create(allowed.headers().firstValue("Location").orElseThrow());
    }

    /** The value of one query parameter of a redirect. */
    public static String param(URI redirect, String name) {
        for (String pair : redirect.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public WebSession session() {
        return browser;
    }

    public boolean signedIn() {
        return signedIn;
    }

    public static String encode(Map<String, String> query) {
        StringBuilder sb = new StringBuilder();
        query.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
