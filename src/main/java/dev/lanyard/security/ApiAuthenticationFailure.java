package dev.lanyard.security;

/**
 * Why the credentials of an API request were refused, left in the request ({@value #ATTRIBUTE}) by the security core
 * for the API's answer; without one the answer is PDS's AccessTokenInvalid.
 */
public record ApiAuthenticationFailure(int status, String code, String message) {

    public static final String ATTRIBUTE = "dev.lanyard.apiAuthenticationFailure";

    /** The one answer for an unknown key, a disabled key and a wrong signature. */
    public static ApiAuthenticationFailure badSignature() {
        return new ApiAuthenticationFailure(401, "InvalidSignature", "the AccessKey or the signature is not valid");
    }

    /** The answer to a signed request received before (on any node, while its Date is in the window). */
    public static ApiAuthenticationFailure replayedSignature() {
        return new ApiAuthenticationFailure(401, "InvalidSignature.Replayed", "this signed request was already received");
    }
}
