package dev.lanyard.security;

import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** The end of every successful interactive login, whatever the user system: one place for the session rules. */
@ApplicationScoped
public class SignIn {

    @Inject
    UserService users;

    @Inject
    BrowserSessions browserSessions;

    /**
     * Starts the browser's session in the database with a new sign-in cookie (so a value planted before sign-in is
     * worth nothing, and the CSRF token changes with it); the node's own HTTP session, if the browser has one (no page
     * of Lanyard's needs it), gets a new id for the same reason.
     */
    public AuthenticationStatus complete(HttpMessageContext context, LanyardPrincipal principal, String method) {
        HttpServletRequest request = context.getRequest();
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        browserSessions.start(request, context.getResponse(), principal.getDomainId(), principal.getUserId(), method);
        users.recordLogin(principal.getDomainId(), principal.getUserId());
        return context.notifyContainerAboutLogin(principal, Set.of(principal.getRole().wireName()));
    }
}
