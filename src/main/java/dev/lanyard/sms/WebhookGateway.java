package dev.lanyard.sms;

import dev.lanyard.remote.RestClients;

import static dev.lanyard.config.JsonSupport.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook for any other SMS provider: POSTs {@code {message_id, domain_id, phone_number, code, text}} as
 * JSON with {@value #TIMESTAMP_HEADER} (Unix seconds) and {@value #SIGNATURE_HEADER}
 * {@code sha256=hex(HMAC-SHA256(signing_secret, timestamp + "." + body))}, so the receiver can check origin and
 * freshness. Any 2xx is a delivery. Documented in docs/mobile.md.
 */
@ApplicationScoped
public class WebhookGateway implements SmsGateway {

    public static final String TIMESTAMP_HEADER = "X-Lanyard-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Lanyard-Signature";

    @Inject
    RestClients restClients;

    @Inject
    Clock clock;

    @Override
    public String type() {
        return GatewayConfig.WEBHOOK;
    }

    @Override
    public void send(SmsMessage message, GatewayConfig config) throws SmsDeliveryException {
        String body = JSON.createObjectBuilder()
                .add("message_id", message.messageId())
                .add("domain_id", message.domainId())
                .add("phone_number", message.e164())
                .add("code", message.code())
                .add("text", message.text())
                .build().toString();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = "sha256=" + hmacSha256Hex(config.string("signing_secret"), timestamp + "." + body);
        WebhookApi api = restClients.client(WebhookApi.class, config.endpoint("webhook"), config.connectTimeout("webhook"),
                config.readTimeout("webhook"));
        int status;
        try (Response response = api.deliver(timestamp, signature, body)) {
            status = response.getStatus();
        } catch (ProcessingException e) {
            throw new SmsDeliveryException("the SMS webhook did not answer in time or could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (status / 100 != 2) {
            throw new SmsDeliveryException("the SMS webhook answered HTTP " + status);
        }
    }

    static String hmacSha256Hex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
