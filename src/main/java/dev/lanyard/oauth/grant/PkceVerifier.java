package dev.lanyard.oauth.grant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 with S256 only: BASE64URL(SHA256(code_verifier)) must equal the code_challenge. */
public final class PkceVerifier {

    /** 43 to 128 characters of the unreserved set: the shape of both verifier and (S256) challenge. */
    public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private PkceVerifier() {
    }

    public static boolean matches(String verifier, String challenge) {
        if (verifier == null || challenge == null || !SHAPE.matcher(verifier).matches()) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
