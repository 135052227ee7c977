package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenScopeTest {

    @Test
    void aScopeIsAllowedByItselfItsFamilysAllAndAll() {
        assertThat(TokenScope.ofClaim("USER.GET").allows("USER.GET")).isTrue();
        assertThat(TokenScope.ofClaim("USER.ALL").allows("USER.UPDATE_ROLE")).isTrue();
        assertThat(TokenScope.ofClaim("openid all").allows("ACCOUNT.ALL")).isTrue();
        assertThat(TokenScope.ofClaim("  USER.LIST   USER.GET ").allows("USER.GET")).isTrue();
    }

    @Test
    void otherScopesAndOtherFamiliesAllowNothing() {
        assertThat(TokenScope.ofClaim("USER.GET").allows("USER.LIST")).isFalse();
        assertThat(TokenScope.ofClaim("DRIVE.ALL").allows("USER.GET")).isFalse();
        assertThat(TokenScope.ofClaim("openid profile").allows("USER.GET")).isFalse();
        assertThat(TokenScope.ofClaim("").allows("USER.GET")).isFalse();
        assertThat(TokenScope.ofClaim(null).allows("USER.GET")).isFalse();
        // a family's ALL is a scope of its own, not a wildcard prefix: "USER" alone or "USER.AL" grant nothing
        assertThat(TokenScope.ofClaim("USER USER.AL").allows("USER.GET")).isFalse();
        assertThat(TokenScope.ofClaim("ALL").allows("USER.GET")).as("case matters, as in PDS").isFalse();
    }

    @Test
    void callersWithoutATokenAreLimitedByTheirRoleAlone() {
        assertThat(TokenScope.UNLIMITED.allows("USER.ALL")).isTrue();
        assertThat(TokenScope.ofClaim("USER.GET").allowsAny("USER.LIST", "USER.GET")).isTrue();
        assertThat(TokenScope.ofClaim("USER.GET").allowsAny("USER.LIST", "USER.UPDATE")).isFalse();
    }
}
