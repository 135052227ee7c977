package dev.lanyard.view.login;

import java.util.Optional;
import java.util.Set;

/**
 * How a user system shows up on the hosted logon page beyond its own fragment ({@code /WEB-INF/login/<system>.xhtml}):
 * the {@code login_type} values of an authorization request that name it, and where such a value sends the browser
 * at once instead of showing the page (a provider's sign-in page, a page to scan). A bean per user system that needs
 * one; systems without one answer to their own name as login_type and show their fragment.
 */
public interface LogonEntry {

    String userSystem();

    Set<String> loginTypes();

    /** Where {@code loginType} goes straight away, given the path to continue to after sign-in (may be null). */
    Optional<String> directPath(String loginType, String next);
}
