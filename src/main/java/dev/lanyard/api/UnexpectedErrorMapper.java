package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything else thrown under /v2 becomes a JSON error with a request id; details go to the log, not the client. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return json(status, status == 404 ? "NotFound" : "InvalidParameter", status == 404 ? "no such endpoint" : "the request is not valid");
        }
        if (e instanceof dev.lanyard.security.Bulkhead.Full busy) {
            return Response.fromResponse(json(503, "ServiceUnavailable", "the server is busy, try again shortly"))
                    .header("Retry-After", busy.retryAfterSeconds()).build();
        }
        if (dev.lanyard.database.DatabaseFailures.causedByDatabase(e)) {
            // the database is unreachable or failed: worth a retry, and the transaction of this call was rolled back
            LOG.warning(() -> "The database failed during an API call: answered 503 (" + e.getClass().getName() + ")");
            return Response.fromResponse(json(503, "ServiceUnavailable", "the database is unavailable, try again shortly"))
                    .header("Retry-After", 30).build();
        }
        String requestId = dev.lanyard.token.OpaqueSecrets.newId();
        LOG.log(Level.SEVERE, "Unexpected error, request " + requestId, e);
        return json(500, "InternalError", "internal error, request " + requestId);
    }

    private static Response json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity(JSON.createObjectBuilder().add("code", code).add("message", message).build().toString()).build();
    }
}
