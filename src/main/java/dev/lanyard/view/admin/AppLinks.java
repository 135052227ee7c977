package dev.lanyard.view.admin;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import dev.lanyard.token.Issuers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Copy-ready examples of how an app starts a sign-in, with the domain's own issuer URL. */
@ApplicationScoped
public class AppLinks {

    @Inject
    Issuers issuers;

    /**
     * The authorize URL an app sends its users to (code flow; PKCE, which public apps must use, with a placeholder
     * challenge). JWT apps do not send users anywhere: their server posts an assertion to the token endpoint.
     */
    public String authorizeUrlExample(App app) {
        if (app.getType() == AppType.JWT) {
            return issuers.issuerOf(app.getDomainId()) + "/v2/oauth/token";
        }
        String redirect = app.getRedirectUris().isEmpty() ? "" : app.getRedirectUris().get(0);
        return issuers.issuerOf(app.getDomainId()) + "/v2/oauth/authorize?response_type=code&client_id=" + encode(app.getAppId())
                + "&redirect_uri=" + encode(redirect) + "&scope=openid&state=STATE"
                + "&code_challenge=CHALLENGE&code_challenge_method=S256";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
