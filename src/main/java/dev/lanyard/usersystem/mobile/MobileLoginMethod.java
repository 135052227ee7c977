package dev.lanyard.usersystem.mobile;

import dev.lanyard.domain.DomainService;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.security.LoginMethod;
import dev.lanyard.security.SignIn;
import dev.lanyard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Mobile number + SMS code on the hosted logon page. A refusal leaves its reason in the request attribute
 * {@value #FAILURE_ATTRIBUTE} for the page to show.
 */
@ApplicationScoped
@Typed({MobileLoginMethod.class, LoginMethod.class})
public class MobileLoginMethod implements LoginMethod {

    public static final String FAILURE_ATTRIBUTE = "dev.lanyard.mobile.failure";

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    MobileSignIn mobile;

    @Inject
    DomainService domains;

    @Inject
    SignIn signIn;

    @Override
    public String name() {
        return MobileSettings.USER_SYSTEM;
    }

    @Override
    public boolean claims(HttpMessageContext context) {
        return context.getAuthParameters().getCredential() instanceof MobileCredential;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        MobileCredential credential = (MobileCredential) context.getAuthParameters().getCredential();
        MobileSignIn.Origin origin = new MobileSignIn.Origin(domains.domainIdOf(request), credential.appId(),
                credential.transaction(), clientAddresses.of(request));
        try {
            User user = mobile.signIn(origin, credential.phoneNumber(), credential.region(), credential.challengeId(),
                    credential.code(), true).user();
            return signIn.complete(context,
                    new LanyardPrincipal(user.getDomainId(), user.getUserId(), user.displayName(), user.getRole()), name());
        } catch (MobileSignInException refused) {
            request.setAttribute(FAILURE_ATTRIBUTE, refused);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }
}
