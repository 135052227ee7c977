package dev.lanyard.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.QrImages;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void aCodeReadsBackAsTheUrlItWasMadeOf() throws Exception {
        for (int i = 0; i < 20; i++) {
            String url = "https://login.dingtalk.com/oauth2/auth?client_id=dingoa" + i + "&redirect_uri=https%3A%2F%2Facme.id.example.com"
                    + "%2Flogin%2Fdingtalk%2Fcallback&response_type=code&scope=openid&prompt=consent&state=" + UUID.randomUUID()
                    + UUID.randomUUID();
            assertThat(QrImages.decodeSvgDataUri(QrCodes.svgDataUri(url))).isEqualTo(url);
        }
    }
}
