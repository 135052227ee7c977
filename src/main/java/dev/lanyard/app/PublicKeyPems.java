package dev.lanyard.app;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The public keys of JWT apps, as administrators upload them: PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509
 * SubjectPublicKeyInfo) holding an RSA key of at least 2048 bits or an EC key on P-256, P-384 or P-521.
 */
public final class PublicKeyPems {

    private static final int MIN_RSA_BITS = 2048;

    private PublicKeyPems() {
    }

    /** The key as a JWK with this kid; an IllegalArgumentException says what is wrong with the PEM. */
    public static JWK parse(String pem, String kid) {
        if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----") || !pem.contains("-----END PUBLIC KEY-----")) {
            throw new IllegalArgumentException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not base64");
        }
        if (der.length == 0) {
            throw new IllegalArgumentException("PEM has no key");
        }
        try {
            RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key has " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS);
            }
            return new RSAKey.Builder(rsa).keyID(kid).build();
        } catch (InvalidKeySpecException | ClassCastException notRsa) {
            // not RSA: EC?
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            ECPublicKey ec = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null || !(Curve.P_256.equals(curve) || Curve.P_384.equals(curve) || Curve.P_521.equals(curve))) {
                throw new IllegalArgumentException("EC key is not on P-256, P-384 or P-521");
            }
            return new ECKey.Builder(curve, ec).keyID(kid).build();
        } catch (InvalidKeySpecException | ClassCastException notEc) {
            throw new IllegalArgumentException("PEM is neither an RSA nor an EC public key");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
