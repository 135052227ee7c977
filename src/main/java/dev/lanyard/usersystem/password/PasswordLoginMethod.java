package dev.lanyard.usersystem.password;

import dev.lanyard.security.Bulkhead;
import dev.lanyard.domain.DomainService;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.security.LoginMethod;
import dev.lanyard.security.SignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Username + password sign-in (administrators, and any user with a password identity). The logon page passes a
 * {@link UsernamePasswordCredential} to {@code SecurityContext.authenticate}; this mechanism checks it for the domain
 * of the request through the identity store.
 */
@ApplicationScoped
@Typed({PasswordLoginMethod.class, LoginMethod.class})
public class PasswordLoginMethod implements LoginMethod {

    public static final String NAME = "password";

    /** Set on the request (seconds to wait) when the sign-in could not be checked because hashing was saturated. */
    public static final String BUSY_ATTRIBUTE = "dev.lanyard.password.busy";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    DomainService domains;

    @Inject
    SignIn signIn;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean claims(HttpMessageContext context) {
        return context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        UsernamePasswordCredential typed = (UsernamePasswordCredential) context.getAuthParameters().getCredential();
        PasswordCredential credential = new PasswordCredential(domains.domainIdOf(request), typed.getCaller(), typed.getPassword());
        CredentialValidationResult result;
        try {
            result = identityStores.validate(credential);
        } catch (Bulkhead.Full busy) {
            // no hashing slot came free in time: nothing was checked or counted; the page says "try again shortly"
            request.setAttribute(BUSY_ATTRIBUTE, busy.retryAfterSeconds());
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (result.getStatus() == CredentialValidationResult.Status.VALID
                && result.getCallerPrincipal() instanceof LanyardPrincipal principal) {
            return signIn.complete(context, principal, NAME);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
