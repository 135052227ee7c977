package dev.lanyard.usersystem.federation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that talk to identity providers: at most {@code lanyard.federation.max-concurrent-exchanges} per node
 * (a bulkhead: a slow provider cannot take the threads of the rest), no queue (a callback waits for an answer, not for
 * a thread), and the caller gives up at its deadline whatever the provider does.
 */
@ApplicationScoped
public class FederationExchanges {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "lanyard.federation.max-concurrent-exchanges", defaultValue = "16")
    int maxConcurrent;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(0, Math.max(1, maxConcurrent), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The call's answer within {@code timeoutMillis}; a provider's refusal comes back as it was thrown. */
    public <T> T call(Callable<T> exchange, long timeoutMillis) {
        Future<T> call;
        try {
            call = executor.submit(exchange);
        } catch (RejectedExecutionException busy) {
            throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "all " + maxConcurrent + " provider exchanges are busy");
        }
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            call.cancel(true);
            throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "no answer within " + timeoutMillis + " ms");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "interrupted");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof FederationException refused) {
                throw refused;
            }
            if (failed.getCause() instanceof jakarta.ws.rs.ProcessingException unreachable) {
                throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "cannot reach the provider: " + unreachable.getMessage());
            }
            throw new FederationException(FederationFailure.PROVIDER_ERROR, "unexpected answer: " + failed.getCause());
        }
    }
}
