package dev.lanyard.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.oauth.grant.PkceVerifier;
import org.junit.jupiter.api.Test;

class PkceAndRedirectsTest {

    @Test
    void s256ChallengeIsTheBase64urlSha256OfTheVerifier() {
        // challenge computed independently: base64url(sha256(verifier)) without padding, by Python's hashlib
        String verifier = "dBjftJeZ4CVP-mJ92K1xkATx4VKm5gOmvXE5t2jiZ9g";
        String challenge = "UARIm-T45Eik88U9ovGaUzT2nTuzqFVoDDkpIQwWB3M";
        assertThat(PkceVerifier.matches(verifier, challenge)).isTrue();
        assertThat(PkceVerifier.matches(verifier + "N", challenge)).isFalse();
        assertThat(PkceVerifier.matches(null, challenge)).isFalse();
        assertThat(PkceVerifier.matches("short", challenge)).isFalse();
        assertThat(PkceVerifier.matches(challenge, challenge)).as("the plain method is not accepted").isFalse();
    }

    @Test
    void responsesKeepTheRedirectQueryAndEncodeValues() {
        assertThat(AuthorizationResponses.success("https://a.example/cb?x=1", "c&d", "s t", "https://id.example"))
                .isEqualTo("https://a.example/cb?x=1&code=c%26d&state=s+t&iss=https%3A%2F%2Fid.example");
        assertThat(AuthorizationResponses.error("https://a.example/cb", "access_denied", "no", null, "https://id.example"))
                .isEqualTo("https://a.example/cb?error=access_denied&error_description=no&iss=https%3A%2F%2Fid.example");
    }

    @Test
    void errorPageEscapesWhatItShows() {
        assertThat(ErrorPages.escape("<script>alert('x')</script>&")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
    }
}
