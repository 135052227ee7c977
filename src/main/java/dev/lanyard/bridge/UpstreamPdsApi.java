package dev.lanyard.bridge;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An upstream PDS-compatible service, as a MicroProfile Rest Client: the two ways Lanyard gets a user's token there. */
public interface UpstreamPdsApi {

    /** The token endpoint, with grant_type jwt-bearer and the assertion. */
    @POST
    @Path("v2/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(Form form);

    /** get_access_token, signed with an AccessKey pair (the headers are what the signature covers). */
    @POST
    @Path("v2/user/get_access_token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response getAccessToken(String body, @HeaderParam("Authorization") String authorization, @HeaderParam("Date") String date,
                            @HeaderParam("Content-MD5") String contentMd5, @HeaderParam("x-acs-signature-nonce") String nonce);
}
