package dev.lanyard.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an access token's {@code scope} claim lets its bearer do on the /v2 API, in PDS's scope families
 * ({@code USER.GET}, {@code USER.ALL}, ...): a call that needs {@code USER.GET} is allowed by {@code USER.GET}, by its
 * family's {@code USER.ALL} and by Lanyard's and PDS's {@code all}. Scopes of other kinds ({@code openid},
 * {@code profile}) allow no API call. Callers that are not bearer tokens (a server signing with an AccessKey pair) are
 * {@link #UNLIMITED}: their role alone decides.
 */
public final class TokenScope {

    public static final TokenScope UNLIMITED = new TokenScope(null);
    static final String EVERYTHING = "all";

    /** Null for {@link #UNLIMITED}. */
    private final Set<String> granted;

    private TokenScope(Set<String> granted) {
        this.granted = granted;
    }

    /** The scope of a token's space-separated {@code scope} claim (none when the claim is missing or empty). */
    public static TokenScope ofClaim(String claim) {
        return new TokenScope(claim == null ? Set.of()
                : Arrays.stream(claim.trim().split(" +")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code scope} (a family member such as {@code USER.UPDATE_ROLE}) is granted. */
    public boolean allows(String scope) {
        if (granted == null || granted.contains(EVERYTHING) || granted.contains(scope)) {
            return true;
        }
        int dot = scope.indexOf('.');
        return dot > 0 && granted.contains(scope.substring(0, dot) + ".ALL");
    }

    /** Whether any of {@code scopes} is granted. */
    public boolean allowsAny(String... scopes) {
        return Arrays.stream(scopes).anyMatch(this::allows);
    }

    @Override
    public String toString() {
        return granted == null ? "unlimited" : String.join(" ", granted);
    }
}
