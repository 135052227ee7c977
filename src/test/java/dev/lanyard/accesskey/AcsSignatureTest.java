package dev.lanyard.accesskey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcsSignatureTest {

    @Test
    void theStringToSignFollowsPdsCanonicalisationAndTheSignatureIsHmacSha1() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-MD5", "md5==");
        headers.put("Content-Type", "application/json");
        headers.put("Date", "Thu, 03 Dec 2026 16:00:00 GMT");
        headers.put("X-Acs-Signature-Nonce", "n1");
        headers.put("x-acs-a", "  one\ttwo "); // trimmed, the tab a space
        headers.put("Host", "acme.id.example.com"); // not an x-acs header: not signed
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("flag", List.of(""));
        query.put("b", List.of("2"));
        query.put("a", List.of("1"));

        String toSign = AcsSignature.stringToSign("post", headers, "/v2/user/get_access_token", query);

        assertThat(toSign).isEqualTo("POST\napplication/json\nmd5==\napplication/json\nThu, 03 Dec 2026 16:00:00 GMT\n"
                + "x-acs-a:one two\nx-acs-signature-nonce:n1\n/v2/user/get_access_token?a=1&b=2&flag");
        // computed independently: base64(HMAC-SHA1("testsecret", toSign)) with Python's hmac module
        assertThat(AcsSignature.sign("testsecret", toSign)).isEqualTo("1fcDfBbk3WrOUG2Y7Q+d+wO6ebY=");
    }

    @Test
    void aRequestWithoutOptionalHeadersOrQuerySignsEmptyLines() {
        assertThat(AcsSignature.stringToSign("POST", Map.of("Date", "d"), "/v2/x", Map.of())).isEqualTo("POST\n\n\n\nd\n/v2/x");
    }

    @Test
    void queryParametersAreDecodedAndKeptInOrderOfArrival() {
        assertThat(AccessKeyAuthentication.query("b=2&a=x%20y&b=1")).containsExactly(
                Map.entry("b", List.of("2", "1")), Map.entry("a", List.of("x y")));
    }
}
