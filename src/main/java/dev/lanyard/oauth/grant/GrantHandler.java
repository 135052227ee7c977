package dev.lanyard.oauth.grant;

import dev.lanyard.token.TokenService;
import dev.lanyard.user.User;

/**
 * One OAuth grant type. The token endpoint picks the handler whose {@link #grantType()} the request names; a new
 * grant is a new implementation and touches no other. Minting is always the {@link TokenService}'s.
 */
public interface GrantHandler {

    String grantType();

    Result handle(GrantRequest request);

    /**
     * Whether the token endpoint authenticates the client (client_secret, or client_id of a public app) before the
     * grant runs. A grant whose request proves the client by itself (a signed assertion) says no and gets no app.
     */
    default boolean authenticatesClient() {
        return true;
    }

    /** The tokens, the user they were issued for, and whether this grant created that user. */
    record Result(TokenService.IssuedTokens tokens, User user, boolean firstLogin) {
        public Result(TokenService.IssuedTokens tokens, User user) {
            this(tokens, user, false);
        }
    }
}
