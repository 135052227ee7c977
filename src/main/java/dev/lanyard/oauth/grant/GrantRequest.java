package dev.lanyard.oauth.grant;

import dev.lanyard.app.App;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * A token request after client authentication: the domain, the calling app (null for a grant that authenticates
 * the client itself, see {@link GrantHandler#authenticatesClient()}) and the form parameters.
 */
public record GrantRequest(String domainId, App app, MultivaluedMap<String, String> form) {

    public String param(String name) {
        return form.getFirst(name);
    }
}
