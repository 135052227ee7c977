package dev.lanyard.oauth;

import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppType;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who is calling the token, revocation and introspection endpoints: WebServer apps prove themselves with their
 * secret (HTTP Basic or form post, not both); WebBrowser and Native apps are public and name themselves by client_id.
 */
@ApplicationScoped
public class ClientAuthenticator {

    @Inject
    AppService apps;

    public App authenticate(String domainId, String authorizationHeader, MultivaluedMap<String, String> form) {
        String clientId = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (secret != null) {
                throw OAuthException.invalidRequest("use one client authentication method, not two");
            }
            String[] pair = decodeBasic(authorizationHeader.substring(6).trim());
            if (clientId != null && !clientId.equals(pair[0])) {
                throw OAuthException.invalidClient("client_id does not match the authenticated client");
            }
            clientId = pair[0];
            secret = pair[1];
        }
        if (clientId == null || clientId.isBlank()) {
            throw OAuthException.invalidClient("client authentication required");
        }
        String id = clientId;
        App app = apps.findCached(domainId, id).filter(App::isEnabled)
                .orElseThrow(() -> OAuthException.invalidClient("unknown or disabled client"));
        if (app.getType() == AppType.WEB_SERVER) {
            if (!OpaqueSecrets.matchesHash(secret, app.getSecretHash())) {
                throw OAuthException.invalidClient("client authentication failed");
            }
        } else if (secret != null) {
            throw OAuthException.invalidClient("public clients have no secret");
        }
        return app;
    }

    /** Like {@link #authenticate} but only for confidential apps (introspection). */
    public App authenticateConfidential(String domainId, String authorizationHeader, MultivaluedMap<String, String> form) {
        App app = authenticate(domainId, authorizationHeader, form);
        if (!app.getType().isConfidential()) {
            throw OAuthException.invalidClient("this endpoint is for confidential clients");
        }
        return app;
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient("malformed Basic credentials");
            }
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("malformed Basic credentials");
        }
    }
}
