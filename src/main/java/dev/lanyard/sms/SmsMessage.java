package dev.lanyard.sms;

/**
 * One code to deliver: the number in E.164 and split (some providers want the national number), the code for
 * providers with their own templates, and the full text for the others.
 */
public record SmsMessage(String domainId, String messageId, String e164, String countryCode, String nationalNumber,
                         String code, String text) {

    @Override
    public String toString() {
        return "SmsMessage[" + messageId + "]"; // never the number or the code
    }
}
