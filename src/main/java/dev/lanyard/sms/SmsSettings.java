package dev.lanyard.sms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Node-wide limits of SMS sending (env LANYARD_SMS_MAX_CONCURRENT_SENDS, LANYARD_SMS_QUEUE_WAIT_MS). */
@ApplicationScoped
public class SmsSettings {

    /** Provider calls in flight at once on this node; more wait, then get "try again later". */
    @Inject
    @ConfigProperty(name = "lanyard.sms.max-concurrent-sends", defaultValue = "8")
    int maxConcurrentSends;

    /** How long a send waits for a free slot. */
    @Inject
    @ConfigProperty(name = "lanyard.sms.queue-wait-ms", defaultValue = "2000")
    long queueWaitMillis;

    public int maxConcurrentSends() {
        return Math.max(1, maxConcurrentSends);
    }

    public long queueWaitMillis() {
        return Math.max(0, queueWaitMillis);
    }
}
