package dev.lanyard.view.login;

import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.oauth.AuthorizationRequest;
import dev.lanyard.oauth.AuthorizeResource;
import dev.lanyard.oauth.PendingAuthorizations;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.view.SafeRedirect;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the hosted logon page shows: the app the user is signing in to (when an authorization request sent them
 * here), the sign-in methods the domain enables and that app may use, each rendered by its user system's fragment
 * ({@code /WEB-INF/login/<system>.xhtml}), and why the last trip to a provider failed. A {@code login_type} that
 * names one method shows only that one, or goes straight where its {@link LogonEntry} says.
 */
@Named
@RequestScoped
public class LogonContext {

    private static final String PASSWORD = "password";

    @Inject
    HttpServletRequest request;

    @Inject
    PendingAuthorizations pendingAuthorizations;

    @Inject
    DomainService domains;

    @Inject
    AppService apps;

    @Inject
    @Any
    Instance<LogonEntry> entries;

    private App app;
    private List<String> methods = List.of();
    private String directAction;
    private String next;

    @PostConstruct
    void load() {
        String domainId = domains.domainIdOf(request);
        next = SafeRedirect.localPathOr(request.getParameter("next"), null);
        Optional<AuthorizationRequest> pending = pendingAuthorization();
        pending.ifPresent(r -> app = apps.find(domainId, r.appId()).orElse(null));
        List<String> enabled = new ArrayList<>(domains.userSystems(domainId).stream().filter(UserSystemConfig::isEnabled)
                .map(UserSystemConfig::getUserSystem).toList());
        if (app == null && !enabled.contains(PASSWORD)) {
            enabled.add(PASSWORD); // administrators always have password sign-in on the plain logon page
        }
        List<String> offered = app == null || app.getUserSystems().isEmpty()
                ? enabled : enabled.stream().filter(app.getUserSystems()::contains).toList();
        // in the domain's order, the password form last ("or sign in with a password"); only systems with a fragment
        methods = offered.stream().filter(LogonContext::hasFragment).sorted(Comparator.comparing(PASSWORD::equals)).toList();
        // login_type names one method: the page shows only it, or goes straight on (when it is on offer at all)
        String loginType = pending.map(AuthorizationRequest::loginType).orElse("default");
        if (app != null && !"default".equals(loginType)) {
            Optional<LogonEntry> entry = entries.stream().filter(e -> e.loginTypes().contains(loginType)).findFirst();
            String method = entry.map(LogonEntry::userSystem).orElse(loginType);
            if (methods.contains(method)) {
                methods = List.of(method);
                directAction = entry.flatMap(e -> e.directAction(loginType)).orElse(null);
            }
        }
    }

    /** Where the page posts by itself when the login_type names a method that goes straight on (else null). */
    public String getDirectAction() {
        return directAction;
    }

    /** Whether the user system has its part of the page (an enabled system without one must not break the page). */
    private static boolean hasFragment(String userSystem) {
        try {
            return userSystem.matches("[a-z0-9_-]{1,32}")
                    && FacesContext.getCurrentInstance().getExternalContext().getResource(fragment(userSystem)) != null;
        } catch (java.net.MalformedURLException malformed) {
            return false;
        }
    }

    /** The fragment of a user system on the logon page. */
    public static String fragment(String userSystem) {
        return "/WEB-INF/login/" + userSystem + ".xhtml";
    }

    /** The authorization request named by the {@code next} parameter, if this browser has it pending. */
    private Optional<AuthorizationRequest> pendingAuthorization() {
        String marker = AuthorizeResource.CONSENT_PAGE + "?request=";
        // next is this application's path, with the context path when the security core built it from the request URI
        String path = next != null && next.startsWith(request.getContextPath() + marker) ? next.substring(request.getContextPath().length()) : next;
        if (path == null || !path.startsWith(marker)) {
            return Optional.empty();
        }
        return pendingAuthorizations.get(request, path.substring(marker.length()));
    }

    /** Why the last trip to a provider failed, in the page's language; null when the page was not sent back with one. */
    public String getFailure() {
        return FederationTexts.describe(request.getParameter("failed"));
    }

    /** The path to continue to after sign-in, URL-encoded for a link ("" when there is none). */
    public String getNextParameter() {
        return next == null ? "" : URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    public String getNext() {
        return next;
    }

    /** The app of the pending authorization request, or null on the plain logon page. */
    public String getAppId() {
        return app == null ? null : app.getAppId();
    }

    public String getAppName() {
        return app == null ? null : app.getName();
    }

    /** The methods to show, in page order; each has a fragment /WEB-INF/login/{method}.xhtml. */
    public List<String> getMethods() {
        return methods;
    }

    public boolean isMobileOffered() {
        return methods.contains(MobileSettings.USER_SYSTEM);
    }

    public boolean isPasswordOffered() {
        return methods.contains(PASSWORD);
    }
}
