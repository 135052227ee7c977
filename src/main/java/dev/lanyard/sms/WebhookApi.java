package dev.lanyard.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Any provider behind an HTTPS webhook: a signed JSON POST to the configured URL. */
public interface WebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response deliver(@HeaderParam(WebhookGateway.TIMESTAMP_HEADER) String timestamp,
                     @HeaderParam(WebhookGateway.SIGNATURE_HEADER) String signature,
                     String body);
}
