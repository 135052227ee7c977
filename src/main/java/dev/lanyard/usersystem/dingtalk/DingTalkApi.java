package dev.lanyard.usersystem.dingtalk;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * DingTalk's open-platform API (api.dingtalk.com) as a MicroProfile Rest Client: the two calls of its web sign-in, and
 * the app token that proves its AppKey and AppSecret.
 * Errors come back as responses with DingTalk's body {@code {"code", "message", "requestid"}}.
 */
public interface DingTalkApi {

    /** Exchanges the callback's authCode: body {@code {clientId, clientSecret, code, grantType}}. */
    @POST
    @Path("v1.0/oauth2/userAccessToken")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response userAccessToken(String body);

    /** The app's own access token: body {@code {appKey, appSecret}}; what "Test connection" asks. */
    @POST
    @Path("v1.0/oauth2/accessToken")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response appAccessToken(String body);

    /** The signed-in user's profile: nick, avatarUrl, mobile, stateCode, email, openId, unionId. */
    @GET
    @Path("v1.0/contact/users/me")
    @Produces(MediaType.APPLICATION_JSON)
    Response me(@HeaderParam("x-acs-dingtalk-access-token") String userAccessToken);
}
