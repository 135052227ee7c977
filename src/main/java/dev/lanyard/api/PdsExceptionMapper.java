package dev.lanyard.api;

import dev.lanyard.token.OpaqueSecrets;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** PDS's error body, with the request id also in the {@code x-ca-request-id} header as PDS does. */
@Provider
public class PdsExceptionMapper implements ExceptionMapper<PdsException> {

    @Override
    public Response toResponse(PdsException e) {
        String requestId = OpaqueSecrets.newId();
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("x-ca-request-id", requestId).header("Cache-Control", "no-store")
                .entity(e.toJson(requestId));
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return response.build();
    }
}
