package dev.lanyard.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request, for per-address limits and the audit log. Without trusted proxies
 * ({@code LANYARD_TRUSTED_PROXIES}, a comma-separated list of addresses) it is the connection's peer. When the peer
 * is a trusted proxy, it is the nearest address in {@code X-Forwarded-For} that is not one: a client can prepend
 * whatever it likes to that header, but not what the trusted proxies append.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    @Inject
    @ConfigProperty(name = "lanyard.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> trusted = Set.of();

    @PostConstruct
    void init() {
        trusted = trustedProxies.map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (!trusted.contains(peer) || forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!trusted.contains(hop)) {
                return IP_LITERAL.matcher(hop).matches() ? hop : peer;
            }
        }
        return peer;
    }
}
