package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

/** An error of the /v2 management API, answered in PDS's shape: {@code {code, message, request_id}}. */
public class PdsException extends RuntimeException {

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public PdsException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    /** With a Retry-After header (seconds) when {@code retryAfterSeconds} is positive. */
    public PdsException(int status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PdsException accessTokenInvalid() {
        return new PdsException(401, "AccessTokenInvalid", "AccessToken is invalid");
    }

    public static PdsException forbidden() {
        return new PdsException(403, "ForbiddenNoPermission", "No permission to access this resource");
    }

    public static PdsException notFound(String what) {
        return new PdsException(404, "NotFound." + what, what + " not found");
    }

    /** PDS's error body: {@code {code, message, request_id}}. */
    public String toJson(String requestId) {
        return JSON.createObjectBuilder().add("code", code).add("message", getMessage()).add("request_id", requestId)
                .build().toString();
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
