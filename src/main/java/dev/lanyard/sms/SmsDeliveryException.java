package dev.lanyard.sms;

/** A gateway did not accept a message. The message says why, without the number, the code or a credential. */
public class SmsDeliveryException extends Exception {

    public SmsDeliveryException(String message) {
        super(message, null, false, false);
    }
}
