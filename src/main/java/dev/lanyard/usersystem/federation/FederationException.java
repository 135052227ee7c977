package dev.lanyard.usersystem.federation;

/** A refused trip to a provider: the reason users see, and a detail for the log (never a secret or a token). */
public class FederationException extends RuntimeException {

    private final FederationFailure failure;

    public FederationException(FederationFailure failure, String detail) {
        super(detail, null, false, false);
        this.failure = failure;
    }

    public FederationException(FederationFailure failure, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.failure = failure;
    }

    public FederationFailure failure() {
        return failure;
    }
}
