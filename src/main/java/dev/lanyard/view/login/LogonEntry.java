package dev.lanyard.view.login;

import java.util.Optional;
import java.util.Set;

/**
 * How a user system shows up on the hosted logon page beyond its own fragment ({@code /WEB-INF/login/<system>.xhtml}):
 * the {@code login_type} values of an authorization request that name it, and the form action such a value goes to at
 * once instead of showing the page (leave for a provider, show a code to scan). The logon page posts that form by
 * itself, with the browser's CSRF token. A bean per user system that needs one; systems without one answer to their
 * own name as login_type and show their fragment.
 */
public interface LogonEntry {

    String userSystem();

    Set<String> loginTypes();

    /** The path the logon page posts to straight away for {@code loginType} (with {@code next}), if any. */
    Optional<String> directAction(String loginType);
}
