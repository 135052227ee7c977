package dev.lanyard.usersystem.federation;

/**
 * A person as a provider vouched for them after a successful callback. {@code key} is what the identity is stored
 * under (DingTalk's unionId, a RAM user's account id and uid); the rest is profile data that may be empty.
 */
public record ExternalIdentity(String key, String displayName, String avatarUrl, String mobile, String email) {

    public ExternalIdentity {
        if (key == null || key.isBlank()) {
            throw new FederationException(FederationFailure.IDENTITY_INCOMPLETE, "the provider named no stable user id");
        }
    }
}
