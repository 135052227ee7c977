package dev.lanyard.usersystem.federation;

import static dev.lanyard.config.JsonSupport.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;

/**
 * A person as a provider vouched for them after a successful callback: {@code key} is what the identity is stored
 * under (DingTalk's unionId, a RAM user's account id and uid); the name and picture may be missing. Providers also
 * tell phone numbers and e-mail addresses; Lanyard keeps none of them, and never matches accounts by them (a provider's
 * unverified number would be a way into someone else's account).
 */
public record ExternalIdentity(String key, String displayName, String avatarUrl) {

    public ExternalIdentity {
        if (key == null || key.isBlank()) {
            throw new FederationException(FederationFailure.IDENTITY_INCOMPLETE, "the provider named no stable user id");
        }
    }

    /** As kept on a scan's trip until the phone confirms. */
    String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("key", key);
        if (displayName != null) {
            json.add("name", displayName);
        }
        if (avatarUrl != null) {
            json.add("avatar", avatarUrl);
        }
        return json.build().toString();
    }

    static ExternalIdentity fromJson(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            return new ExternalIdentity(json.getString("key"), json.getString("name", null), json.getString("avatar", null));
        }
    }
}
