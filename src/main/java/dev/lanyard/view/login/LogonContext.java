package dev.lanyard.view.login;

import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.oauth.AuthorizationRequest;
import dev.lanyard.oauth.AuthorizeResource;
import dev.lanyard.oauth.PendingAuthorizations;
import dev.lanyard.usersystem.mobile.MobileSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;

/**
 * What the hosted logon page shows: the app the user is signing in to (when an authorization request sent them
 * here) and the sign-in methods the domain enables and that app may use. Each user system renders its own part.
 */
@Named
@RequestScoped
public class LogonContext {

    @Inject
    HttpServletRequest request;

    @Inject
    DomainService domains;

    @Inject
    AppService apps;

    private App app;
    private List<String> methods = List.of();

    @PostConstruct
    void load() {
        String domainId = domains.domainIdOf(request);
        Optional<AuthorizationRequest> pending = pendingAuthorization();
        pending.ifPresent(r -> app = apps.find(domainId, r.appId()).orElse(null));
        List<String> enabled = domains.userSystems(domainId).stream().filter(UserSystemConfig::isEnabled)
                .map(UserSystemConfig::getUserSystem).toList();
        methods = app == null || app.getUserSystems().isEmpty()
                ? enabled : enabled.stream().filter(app.getUserSystems()::contains).toList();
        // login_type names one method: the page goes straight to it (when it is on offer at all)
        String loginType = pending.map(AuthorizationRequest::loginType).orElse("default");
        if (app != null && methods.contains(loginType)) {
            methods = List.of(loginType);
        }
    }

    /** The authorization request named by the {@code next} parameter, if it is pending in this session. */
    private Optional<AuthorizationRequest> pendingAuthorization() {
        String next = request.getParameter("next");
        String prefix = request.getContextPath() + AuthorizeResource.CONSENT_PAGE + "?request=";
        HttpSession session = request.getSession(false);
        if (next == null || session == null || !next.startsWith(AuthorizeResource.CONSENT_PAGE + "?request=") && !next.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = next.substring(next.indexOf("?request=") + "?request=".length());
        return PendingAuthorizations.of(session).get(id);
    }

    /** The app of the pending authorization request, or null on the plain logon page. */
    public String getAppId() {
        return app == null ? null : app.getAppId();
    }

    public boolean isMobileOffered() {
        return methods.contains(MobileSettings.USER_SYSTEM);
    }

    public String getAppName() {
        return app == null ? null : app.getName();
    }

    public List<String> getMethods() {
        return methods;
    }

    /** Administrators always have password sign-in; an app's users have it when the domain and app allow it. */
    public boolean isPasswordOffered() {
        return app == null || methods.contains("password");
    }
}
