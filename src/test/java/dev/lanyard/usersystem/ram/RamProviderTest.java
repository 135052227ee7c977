package dev.lanyard.usersystem.ram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.usersystem.federation.FormQuery;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RamProviderTest {

    private static final String MINIMAL = "{\"client_id\": \"4071151845732613353\", \"client_secret\": \"ram-secret-123\", "
            + "\"allowed_account_ids\": [\"1234567890123456\"]";

    @Test
    void pkceChallengeIsTheRfc7636ExampleForItsVerifier() {
        // RFC 7636, appendix B
        assertThat(RamProvider.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void theAuthorizeUrlCarriesTheChallengeButNeverTheVerifier() {
        RamProvider provider = new RamProvider();
        String verifier = "trip-secret-that-stays-on-the-server-0123456";
        URI uri = provider.authorizeUri(RamSettings.parse(json(MINIMAL + "}")), "st", verifier,
                URI.create("https://acme.id.example.com/login/ram/callback"));
        Map<String, String> query = FormQuery.decode(uri.getRawQuery());
        assertThat(uri.getHost()).isEqualTo("signin.aliyun.com");
        assertThat(query).containsEntry("scope", "openid aliuid profile").containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", RamProvider.challenge(verifier)).containsEntry("state", "st");
        assertThat(uri.toString()).doesNotContain(verifier);
        URI withoutPkce = provider.authorizeUri(RamSettings.parse(json(MINIMAL + ", \"pkce\": false}")), "st", verifier,
                URI.create("https://acme.id.example.com/login/ram/callback"));
        assertThat(FormQuery.decode(withoutPkce.getRawQuery())).doesNotContainKey("code_challenge");
    }

    @Test
    void settingsNeedTheAllowedAccountsAndRefuseAnythingElseOdd() {
        RamSettings settings = RamSettings.parse(json(MINIMAL + "}"));
        assertThat(settings.allowedAccountIds()).isEqualTo(Set.of("1234567890123456"));
        assertThat(settings.tokenUrl()).isEqualTo(URI.create("https://oauth.aliyun.com/v1/token"));
        assertThat(settings.toString()).doesNotContain("ram-secret");
        assertThatThrownBy(() -> RamSettings.parse(json("{\"client_id\": \"1\", \"client_secret\": \"x\"}")))
                .hasMessageContaining("allowed_account_ids: is required");
        assertThatThrownBy(() -> RamSettings.parse(json(MINIMAL.replace("1234567890123456", "acme") + "}")))
                .hasMessageContaining("allowed_account_ids[0]");
        assertThatThrownBy(() -> RamSettings.parse(json(MINIMAL + ", \"token_url\": \"ftp://oauth.aliyun.com\"}")))
                .hasMessageContaining("token_url: must be an https URL");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
