package dev.lanyard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AliyunRpcSignatureTest {

    @Test
    void matchesTheExampleOfAlibabaCloudsDocumentation() {
        // "API signature mechanism (example)": DescribeRegions with AccessKey testid / testsecret
        TreeMap<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", "testid");
        parameters.put("Action", "DescribeRegions");
        parameters.put("Format", "XML");
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("TimeStamp", "2016-02-23T12:46:24Z");
        parameters.put("Version", "2014-05-26");
        assertThat(AliyunRpcSignature.sign("GET", parameters, "testsecret")).isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    @Test
    void encodesAsRfc3986WantsItWithSpacesStarsAndTildes() {
        assertThat(AliyunRpcSignature.percentEncode("a b*c~d/{\"code\":\"1\"}中"))
                .isEqualTo("a%20b%2Ac~d%2F%7B%22code%22%3A%221%22%7D%E4%B8%AD");
    }
}
