package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSharesTest {

    @Test
    void theSignatureWinsOverTheCodeThatCalledIt() {
        List<String> signingInTheBatchCaller = List.of("java.math.BigInteger.oddModPow", "com.nimbusds.jose.crypto.RSASSASigner.sign",
                "dev.lanyard.token.TokenService.sign", "dev.lanyard.api.OnBehalfTokens.mintForUser", "org.glassfish.soteria.mechanisms.X.y");
        assertThat(ProfileShares.kindOf(signingInTheBatchCaller)).isEqualTo("RS256 signature or verification");
    }

    @Test
    void theAccessKeyCheckIsToldApartFromTheRestOfJakartaSecurity() {
        assertThat(ProfileShares.kindOf(List.of("java.time.format.DateTimeFormatter.parse",
                "dev.lanyard.accesskey.AccessKeyAuthentication.date", "org.glassfish.soteria.mechanisms.HttpBridge.validateRequest")))
                .isEqualTo("AccessKey check");
        assertThat(ProfileShares.kindOf(List.of("org.glassfish.soteria.cdi.CdiUtils.jndiLookup",
                "org.glassfish.soteria.mechanisms.HttpBridge.secureResponse")))
                .isEqualTo("Jakarta Security (Soteria), the rest");
    }

    @Test
    void aStackWithoutLanyardIsPayarasRequestPath() {
        assertThat(ProfileShares.kindOf(List.of("org.glassfish.grizzly.ProcessorExecutor.complete", "java.lang.Thread.run")))
                .isEqualTo("Payara's request path, no Lanyard frame");
        assertThat(ProfileShares.kindOf(List.of())).isEqualTo("Payara's request path, no Lanyard frame");
    }

    @Test
    void framesAreNamedWhereTheJdkWasCalledFrom() {
        assertThat(ProfileShares.innermostNonJdkFrame(List.of("java.util.HashMap.getNode", "sun.nio.ch.X.y",
                "com.sun.gjc.common.DataSourceSpec.equals", "java.lang.Thread.run")))
                .isEqualTo("com.sun.gjc.common.DataSourceSpec.equals");
        assertThat(ProfileShares.innermostNonJdkFrame(List.of("java.lang.Object.wait"))).isEqualTo("java.lang.Object.wait");
        assertThat(ProfileShares.innermostNonJdkFrame(List.of())).isEqualTo("(no frames)");
    }
}
