package dev.lanyard.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizationRequestValidatorTest {

    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private final App web = app("web", AppType.WEB_SERVER, List.of("https://app.example/cb"), List.of("all"));
    private final App spa = app("spa", AppType.WEB_BROWSER, List.of("https://spa.example/cb", "https://spa.example/other"), List.of("all"));
    private final App cli = app("cli", AppType.NATIVE, List.of("http://127.0.0.1:3000/callback"), List.of("FILE.ALL"));
    private final App jwt = app("jwt", AppType.JWT, List.of(), List.of());
    private final Map<String, App> apps = Map.of("web", web, "spa", spa, "cli", cli, "jwt", jwt);

    private AuthorizationRequestValidator.Outcome validate(String... pairs) {
        Map<String, List<String>> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return AuthorizationRequestValidator.validate("default", query, id -> Optional.ofNullable(apps.get(id)), "req-1");
    }

    @Test
    void validConfidentialRequestNeedsNoPkce() {
        var outcome = validate("client_id", "web", "redirect_uri", "https://app.example/cb", "response_type", "code", "state", "s1");
        assertThat(outcome).isInstanceOf(AuthorizationRequestValidator.Outcome.Valid.class);
        AuthorizationRequest request = ((AuthorizationRequestValidator.Outcome.Valid) outcome).request();
        assertThat(request.scope()).isEqualTo("all");
        assertThat(request.loginType()).isEqualTo("default");
    }

    @Test
    void clientAndRedirectProblemsNeverRedirect() {
        assertThat(validate("client_id", "nope", "redirect_uri", "https://app.example/cb", "response_type", "code"))
                .isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
        assertThat(validate("redirect_uri", "https://app.example/cb", "response_type", "code"))
                .isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
        for (String bad : List.of("https://app.example/cb/", "https://app.example/CB", "https://app.example/cb?x=1",
                "https://app.example:444/cb", "https://evil.example/cb", "http://app.example/cb")) {
            assertThat(validate("client_id", "web", "redirect_uri", bad, "response_type", "code")).as(bad)
                    .isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
        }
        assertThat(validate("client_id", "spa", "response_type", "code", "code_challenge", CHALLENGE, "code_challenge_method", "S256"))
                .as("missing redirect_uri while several are registered").isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
        assertThat(validate("client_id", "jwt", "response_type", "code")).isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
    }

    @Test
    void singleRegisteredRedirectIsUsedWhenNoneIsGiven() {
        var outcome = validate("client_id", "web", "response_type", "code");
        assertThat(((AuthorizationRequestValidator.Outcome.Valid) outcome).request().redirectUri()).isEqualTo("https://app.example/cb");
    }

    @Test
    void nativeLoopbackRedirectMayChangeOnlyItsPort() {
        assertThat(validate("client_id", "cli", "redirect_uri", "http://127.0.0.1:51234/callback", "response_type", "code",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256")).isInstanceOf(AuthorizationRequestValidator.Outcome.Valid.class);
        assertThat(validate("client_id", "cli", "redirect_uri", "http://127.0.0.1:51234/other", "response_type", "code",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256")).isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
        assertThat(validate("client_id", "cli", "redirect_uri", "http://localhost:51234/callback", "response_type", "code",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256")).isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
    }

    @Test
    void otherProblemsGoBackToTheAppWithTheState() {
        assertError(validate("client_id", "web", "response_type", "token", "state", "st"), "unsupported_response_type");
        assertError(validate("client_id", "web", "state", "st"), "invalid_request");
        assertError(validate("client_id", "spa", "redirect_uri", "https://spa.example/cb", "response_type", "code", "state", "st"),
                "invalid_request"); // public client without PKCE
        assertError(validate("client_id", "web", "response_type", "code", "code_challenge", CHALLENGE,
                "code_challenge_method", "plain", "state", "st"), "invalid_request");
        assertError(validate("client_id", "web", "response_type", "code", "code_challenge", "not base64url!",
                "code_challenge_method", "S256", "state", "st"), "invalid_request");
        assertError(validate("client_id", "web", "response_type", "code", "code_challenge_method", "S256", "state", "st"), "invalid_request");
        assertError(validate("client_id", "cli", "redirect_uri", "http://127.0.0.1:3000/callback", "response_type", "code",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "scope", "DRIVE.ALL", "state", "st"), "invalid_scope");
        assertError(validate("client_id", "web", "response_type", "code", "login_type", "wechat", "state", "st"), "invalid_request");
        assertError(validate("client_id", "web", "response_type", "code", "prompt", "none login", "state", "st"), "invalid_request");
        assertError(validate("client_id", "web", "response_type", "code", "hide_consent", "yes", "state", "st"), "invalid_request");
    }

    @Test
    void oversizedOrRepeatedParametersGetTheErrorPage() {
        assertThat(validate("client_id", "web", "response_type", "code", "state", "x".repeat(10_240)))
                .isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
        assertThat(validate("client_id", "web", "client_id", "web", "response_type", "code"))
                .isInstanceOf(AuthorizationRequestValidator.Outcome.ErrorPage.class);
    }

    private static void assertError(AuthorizationRequestValidator.Outcome outcome, String error) {
        assertThat(outcome).isInstanceOf(AuthorizationRequestValidator.Outcome.RedirectError.class);
        var redirect = (AuthorizationRequestValidator.Outcome.RedirectError) outcome;
        assertThat(redirect.error()).isEqualTo(error);
        assertThat(redirect.state()).isEqualTo("st");
    }

    static App app(String id, AppType type, List<String> redirects, List<String> scopes) {
        App app = new App("default", id, "App " + id, type, Instant.now());
        set(app, "redirectUris", new java.util.ArrayList<>(redirects));
        set(app, "scopes", new java.util.ArrayList<>(scopes));
        return app;
    }

    private static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
