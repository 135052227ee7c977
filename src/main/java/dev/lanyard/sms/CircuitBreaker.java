package dev.lanyard.sms;

import java.time.Duration;
import java.time.Instant;

/**
 * Per node, per gateway of a domain: after {@code failuresToOpen} failures in a row the gateway is skipped for
 * {@code openFor}; then one trial call is let through (half-open), and its outcome closes or re-opens the breaker.
 */
final class CircuitBreaker {

    private int consecutiveFailures;
    private Instant openUntil;
    private boolean trialInFlight;

    synchronized boolean allowsCall(Instant now) {
        if (openUntil == null) {
            return true;
        }
        if (now.isBefore(openUntil) || trialInFlight) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    synchronized void recordSuccess() {
        consecutiveFailures = 0;
        openUntil = null;
        trialInFlight = false;
    }

    synchronized void recordFailure(Instant now, int failuresToOpen, Duration openFor) {
        consecutiveFailures++;
        if (trialInFlight || consecutiveFailures >= failuresToOpen) {
            openUntil = now.plus(openFor);
        }
        trialInFlight = false;
    }
}
