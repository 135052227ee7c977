package dev.lanyard.security;

import dev.lanyard.accesskey.AccessKeyAuthentication;
import dev.lanyard.database.DatabaseFailures;
import dev.lanyard.domain.DomainService;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses, per request, which user system authenticates it: for the /v2 API a bearer access token only; elsewhere
 * the {@link LoginMethod} that claims a login attempt, else the sign-in remembered by the session, else nobody (and a protected page sends the browser to the logon page).
 * Replaces the container's default handler, which refuses more than one mechanism.
 *
 * <p>It is also typed as an HttpAuthenticationMechanism (the two interfaces share their methods) because the Jakarta
 * Security runtime only switches itself on for an application that has a bean of that type; being the enabled
 * alternative, it is also what any lookup of that type resolves to, so there is never an ambiguity.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class LoginMethodHandler implements HttpAuthenticationMechanismHandler, HttpAuthenticationMechanism {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LoginMethodHandler.class.getName());

    public static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    @Any
    Instance<LoginMethod> loginMethods;

    @Inject
    UserService users;

    @Inject
    DomainService domains;

    @Inject
    BearerAuthentication bearer;

    @Inject
    AccessKeyAuthentication accessKeys;

    @Inject
    BrowserSessions browserSessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        try {
            return choose(request, response, context);
        } catch (RuntimeException failure) {
            if (!DatabaseFailures.causedByDatabase(failure) || response.isCommitted()) {
                throw failure;
            }
            // who the caller is cannot be read while the database is down: a retryable 503, before any page runs
            return databaseUnavailable(request, response);
        }
    }

    private AuthenticationStatus choose(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        if (context.isAuthenticationRequest()) {
            for (LoginMethod method : loginMethods) {
                if (method.claims(context)) {
                    return method.validateRequest(request, response, context);
                }
            }
        }
        if (BearerAuthentication.isApiRequest(request)) {
            // The API never uses the browser session: a valid bearer token, a valid AccessKey signature, or nobody
            // (the resource answers 401, with the refusal's reason when there is one).
            Optional<? extends LanyardPrincipal> caller = AccessKeyAuthentication.isAcs(request)
                    ? accessKeys.authenticate(request) : bearer.authenticate(request);
            return caller.map(p -> context.notifyContainerAboutLogin(p, Set.of(p.getRole().wireName())))
                    .orElseGet(context::doNothing);
        }
        if (RequestPaths.of(request).startsWith("/jakarta.faces.resource/")) {
            return context.doNothing(); // style sheets and scripts: nobody to look up in the database
        }
        Optional<LanyardPrincipal> remembered = rememberedSignIn(request, response);
        if (remembered.isPresent()) {
            LanyardPrincipal principal = remembered.get();
            return context.notifyContainerAboutLogin(principal, Set.of(principal.getRole().wireName()));
        }
        if (context.isProtected()) {
            String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    private static AuthenticationStatus databaseUnavailable(HttpServletRequest request, HttpServletResponse response) {
        LOG.warning(() -> "The database failed while authenticating " + request.getMethod() + " " + request.getRequestURI() + ": answered 503");
        try {
            DatabaseFailures.answerUnavailable(request, response);
        } catch (java.io.IOException gone) {
            // the client left: nothing to answer
        }
        return AuthenticationStatus.SEND_CONTINUE; // the response is written
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) {
        return AuthenticationStatus.SUCCESS;
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        browserSessions.end(request, response);
        context.cleanClientSubject();
    }

    /**
     * The browser's sign-in (on whichever node it began), if its user still exists, may sign in, has not had its
     * sessions revoked since, and belongs to the domain of this request.
     */
    private Optional<LanyardPrincipal> rememberedSignIn(HttpServletRequest request, HttpServletResponse response) {
        Optional<SessionLogin> signedIn = browserSessions.current(request);
        if (signedIn.isEmpty() || !signedIn.get().domainId().equals(domains.domainIdOf(request))) {
            return Optional.empty();
        }
        SessionLogin login = signedIn.get();
        Optional<User> user = users.find(login.domainId(), login.userId()).filter(User::canSignIn)
                .filter(u -> !u.sessionRevoked(login.signedInAt()));
        if (user.isEmpty()) {
            browserSessions.end(request, response);
            return Optional.empty();
        }
        User u = user.get();
        return Optional.of(new LanyardPrincipal(u.getDomainId(), u.getUserId(), u.displayName(), u.getRole()));
    }
}
