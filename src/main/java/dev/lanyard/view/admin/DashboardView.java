package dev.lanyard.view.admin;

import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.domain.Domain;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.token.SigningKey;
import dev.lanyard.token.SigningKeyService;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The administrator's overview of their domain: counts and the first page of users and apps. */
@Named
@RequestScoped
public class DashboardView {

    static final int PAGE_SIZE = 50;

    @Inject
    AdminConsole console;

    @Inject
    DomainService domains;

    @Inject
    UserService users;

    @Inject
    AppService apps;

    @Inject
    SigningKeyService signingKeys;

    private LanyardPrincipal caller;
    private Domain domain;
    private List<SigningKey> signingKeyList;

    @PostConstruct
    void load() {
        caller = console.caller();
        domain = domains.find(console.domainId()).orElseThrow();
    }

    public LanyardPrincipal getCaller() {
        return caller;
    }

    public Domain getDomain() {
        return domain;
    }

    public long getUserCount() {
        return users.count(domain.getDomainId());
    }

    public long getAppCount() {
        return apps.count(domain.getDomainId());
    }

    public List<User> getUsers() {
        return users.page(domain.getDomainId(), 0, PAGE_SIZE);
    }

    public List<App> getApps() {
        return apps.page(domain.getDomainId(), 0, PAGE_SIZE);
    }

    /** Read once per request: the page asks whether the list is empty and then shows it. */
    public List<SigningKey> getSigningKeys() {
        if (signingKeyList == null) {
            signingKeyList = signingKeys.list(domain.getDomainId());
        }
        return signingKeyList;
    }

    /** "Rotate now": publishes a new key that takes over after the publish-ahead period. */
    public String rotateSigningKey() {
        SigningKey successor = signingKeys.rotate(domain.getDomainId());
        console.audited("signing_key.rotated", null, null, "new key " + successor.getKid() + " signs from " + successor.getSignsFrom());
        return "/admin/index.xhtml?faces-redirect=true";
    }

    public List<UserSystemConfig> getUserSystems() {
        return domains.userSystems(domain.getDomainId());
    }
}
