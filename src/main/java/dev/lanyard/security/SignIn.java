package dev.lanyard.security;

import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;

/** The end of every successful interactive login, whatever the user system: one place for the session rules. */
@ApplicationScoped
public class SignIn {

    @Inject
    UserService users;

    @Inject
    Clock clock;

    public AuthenticationStatus complete(HttpMessageContext context, LanyardPrincipal principal, String method) {
        HttpServletRequest request = context.getRequest();
        request.getSession(true);
        request.changeSessionId(); // no session fixation
        request.getSession().setAttribute(SessionLogin.ATTRIBUTE,
                new SessionLogin(principal.getDomainId(), principal.getUserId(), method, clock.instant()));
        CsrfToken.rotate(request.getSession());
        users.recordLogin(principal.getDomainId(), principal.getUserId());
        return context.notifyContainerAboutLogin(principal, Set.of(principal.getRole().wireName()));
    }
}
