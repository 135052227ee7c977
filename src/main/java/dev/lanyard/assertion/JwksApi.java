package dev.lanyard.assertion;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A JWT app's published key set (RFC 7517), fetched at the app's jwks_url. */
public interface JwksApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response get();
}
