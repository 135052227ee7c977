package dev.lanyard.app;

import dev.lanyard.token.OpaqueSecrets;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Key ids and generated key pairs of JWT apps. A generated pair's private key goes to the administrator once (the API's
 * answer or the console's answer page) and is never stored: Lanyard keeps only the public half.
 */
public final class AppKeyMaterial {

    /** What a kid may be: it ends up in JWT headers and log lines, so nothing that needs escaping. */
    public static final Pattern KID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The most characters of a PEM an administrator may upload (an RSA 4096 public key is about 800). */
    public static final int MAX_PEM_CHARACTERS = 8000;

    private AppKeyMaterial() {
    }

    /** A new RSA 2048 pair as PEM: the public key as X.509 SubjectPublicKeyInfo, the private one as PKCS #8. */
    public record GeneratedPair(String publicPem, String privatePem) {
    }

    public static GeneratedPair generateRsaPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new GeneratedPair(pem("PUBLIC KEY", pair.getPublic().getEncoded()), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kid for a key uploaded or generated without one. */
    public static String newKid() {
        return "key-" + OpaqueSecrets.newId().substring(0, 8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----";
    }
}
