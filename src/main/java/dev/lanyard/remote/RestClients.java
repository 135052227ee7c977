package dev.lanyard.remote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * MicroProfile Rest Clients of the services outside Lanyard (SMS providers, identity providers), one per (interface,
 * endpoint, timeouts), built on first use: endpoints and timeouts are domain settings, so they cannot be static
 * configuration. HTTP errors come back as responses (the default exception mapper is off) so each caller reads the
 * provider's own error body.
 */
@ApplicationScoped
public class RestClients {

    private record Key(Class<?> api, URI endpoint, Duration connect, Duration read) {
    }

    private final Map<Key, Object> clients = new ConcurrentHashMap<>();

    public <T> T client(Class<T> api, URI endpoint, Duration connectTimeout, Duration readTimeout) {
        return api.cast(clients.computeIfAbsent(new Key(api, endpoint, connectTimeout, readTimeout), key -> RestClientBuilder.newBuilder()
                .baseUri(endpoint)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(api)));
    }

    @PreDestroy
    void close() {
        for (Object client : clients.values()) {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
        }
    }
}
