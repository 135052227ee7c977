package dev.lanyard.oauth.grant;

import dev.lanyard.oauth.OAuthException;
import dev.lanyard.token.RefreshTokenService;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * grant_type=refresh_token: rotates the token; a reused token revokes its family (and the tokens it issued). One
 * transaction for the rotation, the user check and the minting: one database connection per grant, and a failure
 * anywhere else leaves the presented token as it was.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {

    @Inject
    RefreshTokenService refreshTokens;

    @Inject
    TokenService tokens;

    @Inject
    UserService users;

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    @Transactional(dontRollbackOn = OAuthException.class) // a refusal keeps what it wrote, e.g. the revoked family
    public Result handle(GrantRequest request) {
        String presented = request.param("refresh_token");
        if (presented == null || presented.isBlank() || presented.length() > 256) {
            throw OAuthException.invalidRequest("refresh_token is required");
        }
        RefreshTokenService.Rotation rotation = refreshTokens.rotate(request.domainId(), request.app().getAppId(), presented);
        switch (rotation.outcome()) {
            case ROTATED -> { }
            case EXPIRED -> throw OAuthException.invalidGrant("the refresh token has expired");
            case REUSED -> throw OAuthException.invalidGrant("the refresh token was already used; its family is revoked");
            case REVOKED -> throw OAuthException.invalidGrant("the refresh token was revoked");
            default -> throw OAuthException.invalidGrant("unknown refresh token");
        }
        User user = users.find(request.domainId(), rotation.family().getUserId()).filter(User::canSignIn)
                .orElseThrow(() -> OAuthException.invalidGrant("the user can no longer sign in"));
        return new Result(tokens.issueForRefresh(request.app(), user, rotation.family(), rotation.newToken()), user);
    }
}
