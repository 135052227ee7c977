package dev.lanyard.usersystem.federation;

import dev.lanyard.domain.DomainService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * "Test connection" for the console: the saved settings of a domain's redirect-based user system, tried against the
 * provider by {@link FederatedProvider#checkConnection}, on the bounded provider threads and within the settings'
 * timeout, whether or not the method is enabled yet (test first, then enable).
 */
@ApplicationScoped
public class ProviderChecks {

    @Inject
    @Any
    Instance<FederatedProvider<?>> providers;

    @Inject
    DomainService domains;

    @Inject
    FederationExchanges exchanges;

    @Inject
    FederatedSignIn signIn;

    /** Whether {@code userSystem} is a provider whose connection can be tested. */
    public boolean testable(String userSystem) {
        return provider(userSystem).isPresent();
    }

    public ConnectionCheck check(String domainId, String userSystem) {
        FederatedProvider<?> provider = provider(userSystem)
                .orElseThrow(() -> new IllegalArgumentException(userSystem + " has no provider to test"));
        return checkWith(provider, domainId);
    }

    private <S extends FederatedSettings> ConnectionCheck checkWith(FederatedProvider<S> provider, String domainId) {
        Optional<jakarta.json.JsonObject> saved = domains.openedSettings(domainId, provider.userSystem(), false)
                .filter(opened -> !opened.isEmpty());
        if (saved.isEmpty()) {
            return ConnectionCheck.refused("no settings are saved");
        }
        S settings;
        try {
            settings = provider.parseSettings(saved.get());
        } catch (IllegalArgumentException unusable) {
            return ConnectionCheck.refused("the saved settings are not usable: " + unusable.getMessage());
        }
        try {
            java.net.URI callback = signIn.redirectUri(domainId, provider.userSystem());
            return exchanges.call(() -> provider.checkConnection(settings, callback), settings.timeout().toMillis());
        } catch (FederationException failed) { // unreachable, too slow, or an answer that is no answer
            return ConnectionCheck.refused(failed.getMessage());
        }
    }

    private Optional<FederatedProvider<?>> provider(String userSystem) {
        return providers.stream().filter(p -> p.userSystem().equals(userSystem)).findFirst();
    }
}
