package dev.lanyard.it.support;

import java.security.KeyPairGenerator;
import java.util.Base64;

/** Key material for tests, made fresh each time (no key is ever committed). */
public final class TestKeys {

    private TestKeys() {
    }

    /** A new RSA 2048 public key as PEM (SubjectPublicKeyInfo). */
    public static String rsaPublicKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
