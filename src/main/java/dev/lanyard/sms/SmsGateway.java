package dev.lanyard.sms;

/**
 * One way to deliver an SMS (the development outbox, Alibaba Cloud SMS, a webhook). Implementations are CDI beans;
 * {@link SmsSender} picks them by {@link #type()} in the order a domain lists them. Adding a provider is one class.
 */
public interface SmsGateway {

    /** The {@code type} of a gateway entry in the domain's settings. */
    String type();

    /** Delivers or throws; must give up within the configured timeouts. */
    void send(SmsMessage message, GatewayConfig config) throws SmsDeliveryException;
}
