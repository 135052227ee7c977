package dev.lanyard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AppScopesTest {

    @Test
    void pdsFamiliesAndOpenIdScopesAreAccepted() {
        assertThat(App.problemWithScopes(List.of("all"))).isNull();
        assertThat(App.problemWithScopes(List.of("USER.GET", "FILE.ALL", "openid", "profile", "urn:example:read"))).isNull();
    }

    @Test
    void spacesQuotesBackslashesAndControlCharactersAreRefused() {
        for (String bad : List.of("", "has space", "quo\"te", "back\\slash", "tab\there", "new\nline", "é")) {
            assertThat(App.problemWithScopes(List.of(bad))).as(bad).contains("printable ASCII");
        }
    }

    @Test
    void tooManyTooLongOrRepeatedScopesAreRefused() {
        assertThat(App.problemWithScopes(Collections.nCopies(51, "x"))).contains("at most 50");
        assertThat(App.problemWithScopes(List.of("x".repeat(101)))).contains("printable ASCII");
        assertThat(App.problemWithScopes(List.of("x".repeat(100)))).isNull();
        assertThat(App.problemWithScopes(List.of("USER.GET", "USER.GET"))).contains("twice");
        List<String> fifty = IntStream.range(0, 50).mapToObj(i -> String.format("%02d", i) + "y".repeat(98)).toList();
        assertThat(App.problemWithScopes(fifty)).as("5,049 characters stored").contains("2000 characters");
    }
}
