package dev.lanyard.oauth;

import java.io.Serializable;
import java.util.Set;

/** A validated authorization request, kept server-side between the authorize endpoint, the login and the consent. */
public record AuthorizationRequest(String id, String domainId, String appId, String redirectUri, String scope,
                                   String state, String codeChallenge, String nonce, String loginType,
                                   Set<String> prompt, boolean hideConsent) implements Serializable {
}
