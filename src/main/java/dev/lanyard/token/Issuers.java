package dev.lanyard.token;

import dev.lanyard.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * The issuer URL of each domain: the public base URL for the default domain, and the same URL with the host
 * {domain_id}{host suffix} for the others (https://acme.id.example.com). Fixed by configuration, never by a request.
 */
@ApplicationScoped
public class Issuers {

    @Inject
    ServerSettings serverSettings;

    public String issuerOf(String domainId) {
        String base = serverSettings.publicBaseUrl();
        String suffix = serverSettings.hostSuffix();
        if (domainId.equals(serverSettings.defaultDomainId()) || suffix.isBlank()) {
            return base;
        }
        URI uri = URI.create(base);
        String host = domainId + (suffix.startsWith(".") ? suffix : "." + suffix);
        return uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
