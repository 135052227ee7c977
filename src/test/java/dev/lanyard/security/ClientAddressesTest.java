package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddresses addresses = addresses(null);
        assertThat(addresses.of(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedHopIsTheClient() {
        ClientAddresses addresses = addresses("10.0.0.1, 10.0.0.2");
        // the client made up the first entry; the proxies appended what they saw
        assertThat(addresses.of(request("10.0.0.1", "1.2.3.4, 198.51.100.9, 10.0.0.2"))).isEqualTo("198.51.100.9");
        assertThat(addresses.of(request("10.0.0.1", null))).as("no header: the proxy itself").isEqualTo("10.0.0.1");
        assertThat(addresses.of(request("10.0.0.1", "<script>, 10.0.0.2"))).as("not an address").isEqualTo("10.0.0.1");
        assertThat(addresses.of(request("203.0.113.7", "198.51.100.1"))).as("an untrusted peer's header counts for nothing")
                .isEqualTo("203.0.113.7");
    }

    private static ClientAddresses addresses(String trusted) {
        ClientAddresses addresses = new ClientAddresses();
        addresses.trustedProxies = Optional.ofNullable(trusted);
        addresses.init();
        return addresses;
    }

    private static HttpServletRequest request(String peer, String forwardedFor) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeader" -> "X-Forwarded-For".equalsIgnoreCase((String) args[0]) ? forwardedFor : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
