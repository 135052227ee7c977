package dev.lanyard.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Lanyard is reached and which domain it serves by default. Every value is a MicroProfile Config property;
 * the environment variable of the same name in upper case (e.g. {@code LANYARD_HOST_SUFFIX}) overrides it.
 */
@ApplicationScoped
public class ServerSettings {

    @Inject
    @ConfigProperty(name = "lanyard.port", defaultValue = "8080")
    int port;

    /** The public base URL (scheme, host, port) behind a TLS proxy; defaults to http://127.0.0.1:{port}. */
    @Inject
    @ConfigProperty(name = "lanyard.public-base-url")
    Optional<String> publicBaseUrl;

    /** Hosts of the form {domain_id}{suffix} select that domain, e.g. suffix ".id.example.com". */
    @Inject
    @ConfigProperty(name = "lanyard.host-suffix")
    Optional<String> hostSuffix;

    /** The domain created on first start and used for requests whose host names no domain. */
    @Inject
    @ConfigProperty(name = "lanyard.domain-id", defaultValue = "default")
    String defaultDomainId;

    public int port() {
        return port;
    }

    public String publicBaseUrl() {
        return publicBaseUrl.map(url -> url.replaceAll("/+$", "")).orElse("http://127.0.0.1:" + port);
    }

    public String hostSuffix() {
        return hostSuffix.orElse("");
    }

    public String defaultDomainId() {
        return defaultDomainId;
    }
}
