package dev.lanyard.accesskey;

import dev.lanyard.domain.DomainService;
import dev.lanyard.security.ApiAuthenticationFailure;
import dev.lanyard.security.ReplayGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests signed with an AccessKey pair ({@link AcsSignature}): POST only; the Date within
 * {@value #DATE_WINDOW_MINUTES} minutes of the server's clock; the signature computed with the key's secret and
 * compared in constant time; each signature accepted once while its Date is in the window (on any node). An unknown
 * key, a disabled key and a wrong signature look the same from outside: the same answer after the same work (a
 * stand-in secret signs when there is no usable key). A request with a body must send Content-MD5 (the signature
 * covers that header, not the body); whether it matches the body is checked where the body is read
 * ({@code api/RequestBodyFilter}). A repeated x-acs-* header is refused as a bad signature.
 */
@ApplicationScoped
public class AccessKeyAuthentication {

    public static final int DATE_WINDOW_MINUTES = 15;
    static final String REPLAY_KIND = "acs";

    /**
     * Servlet paths whose resource records the signature as used itself, with the rest of what it writes (the hot
     * path of servers starting user sessions, docs/performance.md). Such a resource must record
     * {@link AccessKeyPrincipal#unclaimedSignature()} as used ({@code ReplayGuard.firstUse}, or
     * {@code FirstUseBatches} with its audit event) before it answers, also when it refuses, and answer a replay with
     * 401. Every other resource gets a request whose signature is already recorded.
     */
    public static final Set<String> RESOURCES_THAT_CLAIM_THE_SIGNATURE = Set.of("/v2/user/get_access_token");
    private static final Pattern HEADER = Pattern.compile("acs ([A-Za-z0-9._-]{1,64}):([A-Za-z0-9+/=]{1,128})");
    private static final String STAND_IN_SECRET = "stand-in secret for unknown AccessKeys, never accepted";

    @Inject
    AccessKeys accessKeys;

    @Inject
    DomainService domains;

    @Inject
    ReplayGuard replays;

    @Inject
    Clock clock;

    /** Whether a signed request with a body must send Content-MD5 (off only for old clients that cannot). */
    @Inject
    @ConfigProperty(name = "lanyard.access-keys.require-content-md5", defaultValue = "true")
    boolean requireContentMd5;

    public static boolean isAcs(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "acs ", 0, 4);
    }

    /** The caller of a signed request, or empty with the reason left in the request for the API's answer. */
    public Optional<AccessKeyPrincipal> authenticate(HttpServletRequest request) {
        Matcher header = HEADER.matcher(request.getHeader("Authorization"));
        if (!header.matches() || !"POST".equals(request.getMethod())) {
            return refuse(request, ApiAuthenticationFailure.badSignature());
        }
        Instant now = clock.instant();
        Instant date = date(request.getHeader("Date"));
        if (date == null || Duration.between(date, now).abs().compareTo(Duration.ofMinutes(DATE_WINDOW_MINUTES)) > 0) {
            return refuse(request, new ApiAuthenticationFailure(403, "InvalidParameter.Date",
                    "Date must be an RFC 1123 date within " + DATE_WINDOW_MINUTES + " minutes of the server's time"));
        }
        String domainId = domains.domainIdOf(request);
        String accessKeyId = header.group(1);
        Optional<AccessKeys.Usable> key = accessKeys.usable(accessKeyId).filter(k -> k.domainId().equals(domainId));
        boolean usable = key.isPresent();
        String secret = usable ? key.get().secret() : STAND_IN_SECRET;
        Map<String, String> headers = headers(request);
        String expected = AcsSignature.sign(secret, AcsSignature.stringToSign(request.getMethod(),
                headers == null ? Map.of() : headers, request.getRequestURI(), query(request.getQueryString())));
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.group(2).getBytes(StandardCharsets.US_ASCII)) && headers != null;
        if (!matches || !usable) {
            return refuse(request, ApiAuthenticationFailure.badSignature());
        }
        if (requireContentMd5 && request.getHeader("Content-MD5") == null && request.getContentLengthLong() != 0) {
            // the signature covers Content-MD5, not the body: without it anyone on the way could swap the body
            return refuse(request, new ApiAuthenticationFailure(400, "InvalidParameter.ContentMD5",
                    "a signed request with a body must send its Content-MD5"));
        }
        AccessKeyPrincipal.UnclaimedSignature signature = new AccessKeyPrincipal.UnclaimedSignature(REPLAY_KIND,
                accessKeyId + ":" + header.group(2), date.plus(Duration.ofMinutes(DATE_WINDOW_MINUTES)));
        boolean resourceClaims = RESOURCES_THAT_CLAIM_THE_SIGNATURE.contains(request.getServletPath());
        if (!resourceClaims && !replays.firstUse(domainId, signature.kind(), signature.value(), signature.keepUntil())) {
            return refuse(request, ApiAuthenticationFailure.replayedSignature());
        }
        accessKeys.used(accessKeyId);
        return Optional.of(new AccessKeyPrincipal(domainId, accessKeyId, key.get().description(), key.get().role(),
                resourceClaims ? signature : null));
    }

    private static Optional<AccessKeyPrincipal> refuse(HttpServletRequest request, ApiAuthenticationFailure failure) {
        request.setAttribute(ApiAuthenticationFailure.ATTRIBUTE, failure);
        return Optional.empty();
    }

    /** A Date header as parsed, and the instant it names. */
    private record ParsedDate(String header, Instant instant) {
    }

    /**
     * The last Date header parsed: a busy server of an app sends the same one for a whole second, and the RFC 1123
     * parse cost a third of the AccessKey check (docs/performance.md).
     */
    private static volatile ParsedDate lastDate;

    private static Instant date(String header) {
        if (header == null || header.length() > 64) {
            return null;
        }
        ParsedDate last = lastDate;
        if (last != null && last.header().equals(header)) {
            return last.instant();
        }
        try {
            Instant instant = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            lastDate = new ParsedDate(header, instant);
            return instant;
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }

    /** The request's headers, or null when a signed (x-acs-*) header is repeated: which copy was signed is unclear. */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.regionMatches(true, 0, "x-acs-", 0, 6) && Collections.list(request.getHeaders(name)).size() > 1) {
                return null;
            }
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }

    /** The query string's parameters, decoded, in the order given (the signature sorts them). */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
