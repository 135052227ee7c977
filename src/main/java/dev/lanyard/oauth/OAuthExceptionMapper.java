package dev.lanyard.oauth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns an {@link OAuthException} into RFC 6749's JSON error body, never an HTML page or a stack trace. */
@Provider
public class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {

    @Override
    public Response toResponse(OAuthException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(e.toJson());
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"lanyard\"");
        }
        return response.build();
    }
}
