package dev.lanyard.usersystem.mobile;

/**
 * Why a send or a sign-in was refused: the HTTP status and PDS error code for the API, and the key of the text the
 * logon page shows. Messages never contain the number or the code.
 */
public class MobileSignInException extends RuntimeException {

    private final int status;
    private final String code;
    private final String textKey;
    private final long retryAfterSeconds;

    MobileSignInException(int status, String code, String textKey, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.textKey = textKey;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static MobileSignInException invalid(String code, String textKey, String message) {
        return new MobileSignInException(400, code, textKey, message, 0);
    }

    /** The one answer for every failed sign-in: wrong, used, expired or dead code, and unknown number without auto-registration. */
    static MobileSignInException codeRefused() {
        return new MobileSignInException(400, "InvalidParameter.SmsCode", "mobile.codeRefused",
                "The code is wrong or no longer valid. Ask for a new code.", 0);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String textKey() {
        return textKey;
    }

    /** Seconds until a new send may succeed; 0 when not rate limited. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
