package dev.lanyard.usersystem.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FederationFailureTest {

    @Test
    void everyReasonHasAKeyThatReadsBackAndAPageTextInBothLanguages() throws IOException {
        Properties en = texts("/dev/lanyard/view/text.properties");
        Properties zh = texts("/dev/lanyard/view/text_zh.properties");
        for (FederationFailure failure : FederationFailure.values()) {
            assertThat(FederationFailure.fromKey(failure.key())).isEqualTo(failure);
            assertThat(failure.key()).matches("[a-z-]+");
            assertThat(en.getProperty("federation." + failure.key())).as(failure.key()).isNotBlank();
            assertThat(zh.getProperty("federation." + failure.key())).as(failure.key()).isNotBlank();
        }
        assertThat(FederationFailure.fromKey("<script>")).isNull();
    }

    private static Properties texts(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FederationFailureTest.class.getResourceAsStream(resource)) {
            properties.load(in);
        }
        return properties;
    }
}
