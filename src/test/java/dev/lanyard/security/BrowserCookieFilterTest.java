package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrowserCookieFilterTest {

    @Test
    void pagesAndTheAuthorizeEndpointGiveTheBrowserItsCookie() {
        assertThat(BrowserCookieFilter.isBrowserPage("/login.xhtml")).isTrue();
        assertThat(BrowserCookieFilter.isBrowserPage("/")).isTrue();
        assertThat(BrowserCookieFilter.isBrowserPage("/oauth/consent.xhtml")).isTrue();
        assertThat(BrowserCookieFilter.isBrowserPage("/login/dingtalk/callback")).isTrue();
        assertThat(BrowserCookieFilter.isBrowserPage("/v2/oauth/authorize")).isTrue();
    }

    @Test
    void machineTrafficGetsNone() {
        assertThat(BrowserCookieFilter.isBrowserPage("/v2/oauth/token")).isFalse();
        assertThat(BrowserCookieFilter.isBrowserPage("/v2/oauth/authorize/x")).isFalse();
        assertThat(BrowserCookieFilter.isBrowserPage("/v2/user/get")).isFalse();
        assertThat(BrowserCookieFilter.isBrowserPage("/.well-known/openid-configuration")).isFalse();
        assertThat(BrowserCookieFilter.isBrowserPage("/health/ready")).isFalse();
        assertThat(BrowserCookieFilter.isBrowserPage("/jakarta.faces.resource/css/lanyard.css.xhtml")).isFalse();
    }
}
