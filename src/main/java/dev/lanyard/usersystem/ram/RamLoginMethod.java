package dev.lanyard.usersystem.ram;

import dev.lanyard.security.LoginMethod;
import dev.lanyard.usersystem.federation.FederatedLoginMethod;
import dev.lanyard.usersystem.federation.FederatedProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/** RAM-user sign-in: the callbacks from Alibaba Cloud's OAuth, through the shared federated flow. */
@ApplicationScoped
@Typed({RamLoginMethod.class, LoginMethod.class})
public class RamLoginMethod extends FederatedLoginMethod {

    @Inject
    RamProvider provider;

    @Override
    protected FederatedProvider<?> provider() {
        return provider;
    }
}
