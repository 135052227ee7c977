package dev.lanyard.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeRedirectTest {

    @Test
    void localPathsAreKept() {
        assertThat(SafeRedirect.localPathOr("/admin/index.xhtml?x=1", "/")).isEqualTo("/admin/index.xhtml?x=1");
    }

    @Test
    void anythingThatCouldLeaveTheSiteFallsBack() {
        for (String hostile : new String[] {"//evil.example", "/\\evil.example", "https://evil.example/", "evil", "",
                "/ok\r\nSet-Cookie: x", "/a\\b", "/" + "a".repeat(3000)}) {
            assertThat(SafeRedirect.localPathOr(hostile, "/fallback")).as(hostile).isEqualTo("/fallback");
        }
        assertThat(SafeRedirect.localPathOr(null, "/fallback")).isEqualTo("/fallback");
    }
}
