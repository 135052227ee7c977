package dev.lanyard.oauth.grant;

import dev.lanyard.oauth.OAuthException;
import dev.lanyard.token.AuthorizationCode;
import dev.lanyard.token.AuthorizationCodeService;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * grant_type=authorization_code: the code is burnt first (so a wrong verifier or redirect_uri burns it too), then it
 * must have been issued to this app for this redirect_uri, and the PKCE verifier must match its challenge.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {

    @Inject
    AuthorizationCodeService codes;

    @Inject
    TokenService tokens;

    @Inject
    UserService users;

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public Result handle(GrantRequest request) {
        String code = request.param("code");
        if (code == null || code.isBlank() || code.length() > 256) {
            throw OAuthException.invalidRequest("code is required");
        }
        AuthorizationCodeService.Redemption redemption = codes.redeem(request.domainId(), code);
        if (!redemption.succeeded()) {
            throw OAuthException.invalidGrant(switch (redemption.failure()) {
                case EXPIRED -> "the code has expired";
                case ALREADY_REDEEMED -> "the code was already used";
                default -> "unknown code";
            });
        }
        AuthorizationCode.CodeGrant grant = redemption.grant();
        if (!grant.appId().equals(request.app().getAppId())) {
            throw OAuthException.invalidGrant("the code was issued to another client");
        }
        String redirectUri = request.param("redirect_uri");
        if (redirectUri == null || !redirectUri.equals(grant.redirectUri())) {
            throw OAuthException.invalidGrant("redirect_uri does not match the authorization request");
        }
        String verifier = request.param("code_verifier");
        if (grant.codeChallenge() == null) {
            if (verifier != null) {
                throw OAuthException.invalidGrant("code_verifier sent but the authorization request had no code_challenge");
            }
        } else if (!PkceVerifier.matches(verifier, grant.codeChallenge())) {
            throw OAuthException.invalidGrant("code_verifier does not match the code_challenge");
        }
        User user = users.find(grant.domainId(), grant.userId()).filter(User::canSignIn)
                .orElseThrow(() -> OAuthException.invalidGrant("the user can no longer sign in"));
        TokenService.IssuedTokens issued = tokens.issueForLogin(request.app(), user, grant.scope(), grant.authTime(), grant.nonce());
        codes.attachFamily(redemption.codeHash(), issued.familyId());
        return new Result(issued, user);
    }
}
