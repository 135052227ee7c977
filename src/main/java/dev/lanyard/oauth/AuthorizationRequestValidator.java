package dev.lanyard.oauth;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import dev.lanyard.oauth.grant.PkceVerifier;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the parameters of GET /v2/oauth/authorize. Problems with the client or the redirect URI are shown on an
 * error page (never redirected to an unverified URI); every other problem is sent back to the app's redirect URI.
 */
public final class AuthorizationRequestValidator {

    public static final Set<String> LOGIN_TYPES = Set.of("default", "password", "mobile", "ding", "ding_sns", "ram");
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent");
    private static final int MAX_PARAM = 2048;

    /** What the request came to. */
    public sealed interface Outcome {
        record Valid(AuthorizationRequest request) implements Outcome {
        }

        record ErrorPage(String error, String description) implements Outcome {
        }

        record RedirectError(String redirectUri, String error, String description, String state) implements Outcome {
        }
    }

    private AuthorizationRequestValidator() {
    }

    public static Outcome validate(String domainId, Map<String, List<String>> query, Function<String, Optional<App>> apps,
                                   String requestId) {
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            if (param.getValue().size() > 1) {
                return new Outcome.ErrorPage("invalid_request", param.getKey() + " is repeated");
            }
            String value = param.getValue().isEmpty() ? "" : param.getValue().get(0);
            if (value.length() > MAX_PARAM) {
                return new Outcome.ErrorPage("invalid_request", param.getKey() + " is longer than " + MAX_PARAM + " characters");
            }
        }
        String clientId = first(query, "client_id");
        if (clientId == null) {
            return new Outcome.ErrorPage("invalid_request", "client_id is required");
        }
        Optional<App> found = apps.apply(clientId).filter(App::isEnabled);
        if (found.isEmpty()) {
            return new Outcome.ErrorPage("invalid_client", "unknown or disabled client: " + clientId);
        }
        App app = found.get();
        if (app.getType() == AppType.JWT) {
            return new Outcome.ErrorPage("unauthorized_client", "JWT apps do not use the authorization endpoint");
        }
        Optional<String> redirect = RedirectUris.match(app.getRedirectUris(), first(query, "redirect_uri"), app.getType() == AppType.NATIVE);
        if (redirect.isEmpty()) {
            return new Outcome.ErrorPage("invalid_request", first(query, "redirect_uri") == null
                    ? "redirect_uri is required: the client registered several"
                    : "redirect_uri is not registered for this client");
        }
        String redirectUri = redirect.get();
        String state = first(query, "state");
        String responseType = first(query, "response_type");
        if (responseType == null) {
            return new Outcome.RedirectError(redirectUri, "invalid_request", "response_type is required", state);
        }
        if (!responseType.equals("code")) {
            return new Outcome.RedirectError(redirectUri, "unsupported_response_type", "only response_type=code is supported", state);
        }
        String challenge = first(query, "code_challenge");
        String method = first(query, "code_challenge_method");
        if (method != null && !method.equals("S256")) {
            return new Outcome.RedirectError(redirectUri, "invalid_request", "code_challenge_method must be S256", state);
        }
        if (challenge == null && method != null) {
            return new Outcome.RedirectError(redirectUri, "invalid_request", "code_challenge_method without code_challenge", state);
        }
        if (challenge != null && (method == null || !PkceVerifier.SHAPE.matcher(challenge).matches() || challenge.length() != 43)) {
            return new Outcome.RedirectError(redirectUri, "invalid_request",
                    "code_challenge must be a base64url SHA-256 (43 characters) with code_challenge_method=S256", state);
        }
        if (challenge == null && !app.getType().isConfidential()) {
            return new Outcome.RedirectError(redirectUri, "invalid_request", "PKCE (code_challenge, S256) is required for public clients", state);
        }
        Optional<String> scope = scope(first(query, "scope"), app);
        if (scope.isEmpty()) {
            return new Outcome.RedirectError(redirectUri, "invalid_scope", "the requested scope is not allowed for this client", state);
        }
        String loginType = Optional.ofNullable(first(query, "login_type")).orElse("default");
        if (!LOGIN_TYPES.contains(loginType)) {
            return new Outcome.RedirectError(redirectUri, "invalid_request", "unknown login_type", state);
        }
        Set<String> prompt = new LinkedHashSet<>();
        String promptParam = first(query, "prompt");
        if (promptParam != null && !promptParam.isBlank()) {
            prompt.addAll(Arrays.asList(promptParam.trim().split(" +")));
            if (!PROMPTS.containsAll(prompt) || (prompt.contains("none") && prompt.size() > 1)) {
                return new Outcome.RedirectError(redirectUri, "invalid_request", "unsupported prompt value", state);
            }
        }
        String hideConsent = first(query, "hide_consent");
        if (hideConsent != null && !hideConsent.equals("true") && !hideConsent.equals("false")) {
            return new Outcome.RedirectError(redirectUri, "invalid_request", "hide_consent must be true or false", state);
        }
        return new Outcome.Valid(new AuthorizationRequest(requestId, domainId, app.getAppId(), redirectUri, scope.get(),
                state, challenge, first(query, "nonce"), loginType, Set.copyOf(prompt), "true".equals(hideConsent)));
    }

    /** The granted scope: the requested tokens if the app may have each (openid always), else the app's own. */
    static Optional<String> scope(String requested, App app) {
        List<String> allowed = app.getScopes();
        if (requested == null || requested.isBlank()) {
            return Optional.of(allowed.isEmpty() ? "all" : String.join(" ", allowed));
        }
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(requested.trim().split(" +")));
        for (String s : wanted) {
            boolean ok = s.equals("openid") || allowed.contains(s) || allowed.contains("all") || (allowed.isEmpty() && s.equals("all"));
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(String.join(" ", wanted));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
