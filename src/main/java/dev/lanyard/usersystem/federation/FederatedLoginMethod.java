package dev.lanyard.usersystem.federation;

import dev.lanyard.security.LoginMethod;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The mechanism of a redirect-based user system: it claims that provider's callbacks (and finished phone scans) and
 * hands them to the shared flow. Each provider package declares its own bean of a subclass, typed as itself and as
 * {@link LoginMethod} only, so there is one mechanism per user system and the container never sees two candidates.
 */
public abstract class FederatedLoginMethod implements LoginMethod {

    @Inject
    FederatedSignIn flow;

    /** The provider this mechanism signs people in with. */
    protected abstract FederatedProvider<?> provider();

    @Override
    public String name() {
        return provider().userSystem();
    }

    @Override
    public boolean claims(HttpMessageContext context) {
        return flow.claims(provider(), context);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return flow.validate(provider(), context);
    }
}
