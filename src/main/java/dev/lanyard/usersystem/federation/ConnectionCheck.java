package dev.lanyard.usersystem.federation;

/**
 * What a provider said when an administrator tested a domain's settings: whether the provider accepted them, and a
 * short account of what was tried (a provider's error code at most; never a secret or a whole answer).
 */
public record ConnectionCheck(boolean accepted, String detail) {

    public static ConnectionCheck accepted(String detail) {
        return new ConnectionCheck(true, detail);
    }

    public static ConnectionCheck refused(String detail) {
        return new ConnectionCheck(false, detail);
    }
}
