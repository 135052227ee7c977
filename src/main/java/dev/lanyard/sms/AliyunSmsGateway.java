package dev.lanyard.sms;

import dev.lanyard.remote.RestClients;

import static dev.lanyard.config.JsonSupport.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Alibaba Cloud SMS: action SendSms of dysmsapi (version 2017-05-25) with PhoneNumbers, SignName, TemplateCode and
 * TemplateParam {"code": ...}, signed with the domain's AccessKey. Success is {@code "Code": "OK"}; anything else
 * (isv.BUSINESS_LIMIT_CONTROL, a signature error, HTTP 5xx, a timeout) is a failed delivery.
 */
@ApplicationScoped
public class AliyunSmsGateway implements SmsGateway {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    RestClients restClients;

    @Inject
    Clock clock;

    @Override
    public String type() {
        return GatewayConfig.ALIYUN;
    }

    @Override
    public void send(SmsMessage message, GatewayConfig config) throws SmsDeliveryException {
        SortedMap<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", config.string("access_key_id"));
        parameters.put("Action", "SendSms");
        parameters.put("Format", "JSON");
        parameters.put("PhoneNumbers", phoneNumber(message));
        parameters.put("RegionId", config.string("region_id", "cn-hangzhou"));
        parameters.put("SignName", config.string("sign_name"));
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", UUID.randomUUID().toString());
        parameters.put("SignatureVersion", "1.0");
        parameters.put("TemplateCode", config.string("template_code"));
        parameters.put("TemplateParam", JSON.createObjectBuilder().add("code", message.code()).build().toString());
        parameters.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        parameters.put("Version", "2017-05-25");
        Form form = new Form();
        parameters.forEach(form::param);
        form.param("Signature", AliyunRpcSignature.sign("POST", parameters, config.string("access_key_secret")));

        DysmsApi api = restClients.client(DysmsApi.class, config.endpoint("aliyun"), config.connectTimeout("aliyun"),
                config.readTimeout("aliyun"));
        String code;
        int status;
        try (Response response = api.call(form)) {
            status = response.getStatus();
            code = resultCode(response.hasEntity() ? response.readEntity(String.class) : "");
        } catch (ProcessingException e) {
            throw new SmsDeliveryException("Alibaba Cloud SMS did not answer in time or could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (status != 200 || !"OK".equals(code)) {
            throw new SmsDeliveryException("Alibaba Cloud SMS refused the message: HTTP " + status + ", Code " + code);
        }
    }

    /** Mainland numbers go without their country code; others as the code and number without "+", as the API wants. */
    private static String phoneNumber(SmsMessage message) {
        return "86".equals(message.countryCode()) ? message.nationalNumber() : message.e164().substring(1);
    }

    private static String resultCode(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return json.getString("Code", "(none)");
        } catch (RuntimeException notJson) {
            return "(not JSON)";
        }
    }
}
