package dev.lanyard.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Picks the domain of a request from its Host header: {@code acme.id.example.com} names domain {@code acme} when the
 * host suffix is {@code .id.example.com} and that domain exists; anything else is the default domain.
 */
public final class DomainResolver {

    private final String hostSuffix;
    private final String defaultDomainId;

    public DomainResolver(String hostSuffix, String defaultDomainId) {
        String suffix = hostSuffix == null ? "" : hostSuffix.trim().toLowerCase(Locale.ROOT);
        this.hostSuffix = suffix.isEmpty() || suffix.startsWith(".") ? suffix : "." + suffix;
        this.defaultDomainId = defaultDomainId;
    }

    public String resolve(String hostHeader, Predicate<String> domainExists) {
        return candidate(hostHeader).filter(domainExists).orElse(defaultDomainId);
    }

    /** The first label of the host when the host is {label}{suffix}; empty without a configured suffix. */
    Optional<String> candidate(String hostHeader) {
        if (hostSuffix.isEmpty() || hostHeader == null) {
            return Optional.empty();
        }
        String host = stripPort(hostHeader.trim().toLowerCase(Locale.ROOT));
        if (!host.endsWith(hostSuffix)) {
            return Optional.empty();
        }
        String label = host.substring(0, host.length() - hostSuffix.length());
        if (label.isEmpty() || label.contains(".") || !label.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            return Optional.empty();
        }
        return Optional.of(label);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            return host; // IPv6 literal: never a domain name
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
