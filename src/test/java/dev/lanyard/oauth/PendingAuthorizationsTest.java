package dev.lanyard.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingAuthorizationsTest {

    @Test
    void aRequestComesBackFromTheDatabaseExactlyAsItWasKept() {
        AuthorizationRequest full = new AuthorizationRequest("0123abcd", "acme", "web", "https://app.example/cb?x=1&y=\"2\"",
                "openid profile", "st\u00e4te \\ \n <x>", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "n-0S6_WzA2Mj",
                "password", Set.of("login", "consent"), true);
        assertThat(PendingAuthorizations.fromJson(PendingAuthorizations.toJson(full))).isEqualTo(full);

        AuthorizationRequest bare = new AuthorizationRequest("id", "acme", "web", "https://app.example/cb", "all",
                null, null, null, null, Set.of(), false);
        assertThat(PendingAuthorizations.fromJson(PendingAuthorizations.toJson(bare))).isEqualTo(bare);
    }
}
