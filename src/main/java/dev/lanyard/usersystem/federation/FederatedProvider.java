package dev.lanyard.usersystem.federation;

import jakarta.json.JsonObject;
import java.net.URI;

/**
 * One external identity provider: its settings, its sign-in page and the exchange that turns a callback into a
 * person. Implementations are application-scoped beans in the provider's own package; nothing here knows them.
 *
 * @param <S> the provider's settings
 */
public interface FederatedProvider<S extends FederatedSettings> {

    /** The user-system name: what a domain enables, an app may use, and identities are typed with. */
    String userSystem();

    /** The query parameter that carries the authorization code on the callback ({@code authCode} at DingTalk). */
    default String codeParameter() {
        return "code";
    }

    /** Parses and checks a domain's settings; an IllegalArgumentException's message starts with the field's name. */
    S parseSettings(JsonObject json);

    /**
     * The provider's sign-in page for one trip: the browser goes there with this state. {@code tripSecret} is the
     * trip's own secret, kept server-side; a provider may derive what it needs from it (a PKCE challenge), but must
     * not put it in the URL.
     */
    URI authorizeUri(S settings, String state, String tripSecret, URI redirectUri);

    /**
     * The person behind a callback's code: the code exchange and the profile read. Runs under the flow's deadline;
     * refusals are {@link FederationException}s (provider errors, missing ids, organisations not allowed).
     */
    ExternalIdentity identify(S settings, String code, URI redirectUri, String tripSecret);

    /**
     * Tries the settings against the provider without a person ("Test connection" on the console): the app's
     * credentials where the provider can tell, else at least that it answers. Runs on the provider threads under the
     * settings' timeout; a provider that cannot be reached may throw. {@code redirectUri} is the domain's callback.
     */
    ConnectionCheck checkConnection(S settings, URI redirectUri);

    /** Whether people can sign in on a computer by scanning a code with the provider's phone app. */
    default boolean supportsScan() {
        return false;
    }
}
