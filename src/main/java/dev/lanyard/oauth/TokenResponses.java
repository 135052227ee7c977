package dev.lanyard.oauth;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.token.TokenService;
import dev.lanyard.user.User;
import jakarta.json.JsonObjectBuilder;
import java.time.format.DateTimeFormatter;

/** The token response of PDS, with OAuth's standard fields: the one shape every way of getting tokens answers in. */
public final class TokenResponses {

    private TokenResponses() {
    }

    public static JsonObjectBuilder body(TokenService.IssuedTokens tokens, User user) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("access_token", tokens.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", tokens.expiresIn())
                .add("expire_time", DateTimeFormatter.ISO_INSTANT.format(tokens.accessTokenExpiresAt()))
                .add("scope", tokens.scope() == null ? "" : tokens.scope())
                .add("user_id", user.getUserId())
                .add("user_name", user.displayName())
                .add("nick_name", user.getNickName() == null ? "" : user.getNickName())
                .add("avatar", user.getAvatar() == null ? "" : user.getAvatar())
                .add("role", user.getRole().wireName())
                .add("status", user.getStatus().wireName())
                .add("default_drive_id", "")
                .add("is_first_login", false);
        if (tokens.refreshToken() != null) {
            json.add("refresh_token", tokens.refreshToken());
        }
        if (tokens.idToken() != null) {
            json.add("id_token", tokens.idToken());
        }
        return json;
    }
}
