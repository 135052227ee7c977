package dev.lanyard.security;

import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;

/**
 * The plug point of a user system: its HttpAuthenticationMechanism. Each implementation lives in its own package
 * under {@code usersystem/} and is declared {@code @Typed({ItsClass.class, LoginMethod.class})} so that it is never
 * resolvable as a plain HttpAuthenticationMechanism (which would make the container's choice ambiguous);
 * {@link LoginMethodHandler} picks the one that claims a request. Adding a user system edits nothing here.
 *
 * <p>On success an implementation calls {@link SignIn#complete}; on failure it returns
 * {@link jakarta.security.enterprise.AuthenticationStatus#SEND_FAILURE} without writing to the response, so the page
 * that started the login can show its own message.
 */
public interface LoginMethod extends HttpAuthenticationMechanism {

    /** The user-system name, e.g. {@code password}, {@code mobile}: what a domain enables and an app may use. */
    String name();

    /** Whether this request is a login attempt of this method (e.g. by the credential type it carries). */
    boolean claims(HttpMessageContext context);
}
