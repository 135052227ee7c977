package dev.lanyard.sms;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends one message through the gateways a domain lists, in order: the next one is tried when one fails or its
 * circuit breaker is open. Provider calls in flight are bounded per node (a semaphore; waiting is bounded too), and
 * every gateway call is bounded by its connect and read timeouts, so a slow provider cannot eat the server's threads.
 */
@ApplicationScoped
public class SmsSender {

    private static final Logger LOG = Logger.getLogger(SmsSender.class.getName());

    /** How the breakers of a domain's gateways behave. */
    public record BreakerPolicy(int failuresToOpen, Duration openFor) {
    }

    @Inject
    @Any
    Instance<SmsGateway> gateways;

    @Inject
    SmsSettings settings;

    @Inject
    Clock clock;

    private Semaphore inFlight;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        inFlight = new Semaphore(settings.maxConcurrentSends());
    }

    /** Returns the type of the gateway that took the message; throws when none did. */
    public String send(SmsMessage message, List<GatewayConfig> configs, BreakerPolicy policy) throws SmsDeliveryException {
        boolean acquired;
        try {
            acquired = inFlight.tryAcquire(settings.queueWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new SmsDeliveryException("too many SMS sends in flight on this node");
        }
        try {
            SmsDeliveryException last = null;
            for (int i = 0; i < configs.size(); i++) {
                GatewayConfig config = configs.get(i);
                CircuitBreaker breaker = breakers.computeIfAbsent(message.domainId() + "#" + i + ":" + config.type(),
                        key -> new CircuitBreaker());
                if (!breaker.allowsCall(clock.instant())) {
                    LOG.info(() -> "SMS gateway " + config.type() + " of domain " + message.domainId() + " skipped: breaker open");
                    last = new SmsDeliveryException("the " + config.type() + " gateway is paused after repeated failures");
                    continue;
                }
                try {
                    gateway(config.type()).send(message, config);
                    breaker.recordSuccess();
                    return config.type();
                } catch (SmsDeliveryException | RuntimeException e) {
                    breaker.recordFailure(clock.instant(), policy.failuresToOpen(), policy.openFor());
                    LOG.warning("SMS gateway " + config.type() + " of domain " + message.domainId() + " failed: " + e.getMessage());
                    last = e instanceof SmsDeliveryException d ? d : new SmsDeliveryException(e.getClass().getSimpleName());
                }
            }
            throw last != null ? last : new SmsDeliveryException("no SMS gateway is configured");
        } finally {
            inFlight.release();
        }
    }

    private SmsGateway gateway(String type) throws SmsDeliveryException {
        for (SmsGateway gateway : gateways) {
            if (gateway.type().equals(type)) {
                return gateway;
            }
        }
        throw new SmsDeliveryException("no SMS gateway of type " + type);
    }
}
