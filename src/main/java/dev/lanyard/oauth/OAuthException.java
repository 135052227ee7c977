package dev.lanyard.oauth;

/** An RFC 6749 error answered as JSON: {@code error}, {@code error_description}, with the matching HTTP status. */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description);
    }

    /** RFC 6749's error body. */
    public String toJson() {
        return dev.lanyard.config.JsonSupport.JSON.createObjectBuilder().add("error", error).add("error_description", getMessage())
                .build().toString();
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
