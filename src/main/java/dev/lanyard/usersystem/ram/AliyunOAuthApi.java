package dev.lanyard.usersystem.ram;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Alibaba Cloud's OAuth 2.0 server (oauth.aliyun.com) as a MicroProfile Rest Client. The token endpoint and the
 * userinfo endpoint are separate settings, so each call is made on a client whose base URL is that endpoint.
 */
public interface AliyunOAuthApi {

    /** The token endpoint: a form with grant_type, code, client_id, client_secret, redirect_uri (and code_verifier). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(Form form);

    /** The OpenID Connect userinfo endpoint: sub, uid (the RAM user), aid (its account), upn, name. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response userinfo(@HeaderParam("Authorization") String bearer);
}
