package dev.lanyard.view.account;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Identity;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.usersystem.federation.FederatedAccounts;
import dev.lanyard.usersystem.federation.FederatedProvider;
import dev.lanyard.usersystem.federation.FederationException;
import dev.lanyard.view.login.FederationTexts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in user's sign-in methods (account/index.xhtml): what is linked, a button to link each provider the
 * domain enables, and unlink for all but the last. (The account portal of the admin-console issue grows from here.)
 */
@Named
@RequestScoped
public class AccountView {

    @Inject
    SecurityContext securityContext;

    @Inject
    HttpServletRequest request;

    @Inject
    UserService users;

    @Inject
    DomainService domains;

    @Inject
    FederatedAccounts accounts;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    @Any
    Instance<FederatedProvider<?>> providers;

    @Inject
    dev.lanyard.token.RefreshTokenService refreshTokens;

    @Inject
    dev.lanyard.audit.AuditQueries auditQueries;

    /** How many tokens minted on the user's behalf the page lists, newest first. */
    static final int ON_BEHALF_LISTED = 50;

    /** One linked sign-in method as the page lists it. */
    public record Method(long id, String type, String label, Instant linkedAt) {
    }

    private User user;
    private List<Method> methods = List.of();
    private List<String> linkable = List.of();

    @PostConstruct
    void load() {
        LanyardPrincipal principal = securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst().orElse(null);
        if (principal == null) {
            return;
        }
        user = users.find(principal.getDomainId(), principal.getUserId()).orElse(null);
        if (user == null) {
            return;
        }
        List<Identity> identities = accounts.identitiesOf(user);
        methods = identities.stream().map(i -> new Method(i.getId(), i.getType(), label(i), i.getCreatedAt())).toList();
        Set<String> linkedTypes = identities.stream().map(Identity::getType).collect(Collectors.toSet());
        linkable = providers.stream().map(FederatedProvider::userSystem)
                .filter(system -> domains.isUserSystemEnabled(user.getDomainId(), system) && !linkedTypes.contains(system))
                .sorted().toList();
    }

    /** Removes one method, unless it is the last the user can sign in with (they would be locked out). */
    public String unlink(long identityId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle text = faces.getApplication().getResourceBundle(faces, "text");
        // a password always works (administrators have it on the plain logon page); other methods while enabled
        Set<String> usable = new HashSet<>(Set.of("password"));
        domains.userSystems(user.getDomainId()).stream().filter(UserSystemConfig::isEnabled)
                .map(UserSystemConfig::getUserSystem).forEach(usable::add);
        try {
            if (accounts.unlink(user.getDomainId(), user.getUserId(), identityId, usable)) {
                audit.record(new AuditLog.Entry(user.getDomainId(), "identity.unlinked", user.getUserId(), null, null,
                        clientAddresses.of(request), null));
                faces.getExternalContext().getFlash().put("notice", text.getString("account.unlinked"));
            }
            return "/account/index.xhtml?faces-redirect=true";
        } catch (FederationException refused) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text.getString("account.lastMethod"), null));
            return null;
        }
    }

    private static String label(Identity identity) {
        String value = identity.getValue();
        return switch (identity.getType()) {
            case "password" -> value;
            case "mobile" -> value.length() > 4 ? "****" + value.substring(value.length() - 4) : "****";
            default -> nameIn(identity.getExtra());
        };
    }

    /** The display name a provider gave, kept in the identity's extra JSON. */
    private static String nameIn(String extra) {
        if (extra == null || extra.isBlank()) {
            return "";
        }
        try (var reader = dev.lanyard.config.JsonSupport.JSON.createReader(new StringReader(extra))) {
            return reader.readObject().getString("name", "");
        } catch (RuntimeException malformed) {
            return "";
        }
    }

    public boolean isSignedIn() {
        return user != null;
    }

    public String getDisplayName() {
        return user == null ? "" : user.displayName();
    }

    public List<Method> getMethods() {
        return methods;
    }

    public List<String> getLinkable() {
        return linkable;
    }

    /** Why a link came back refused (failed=<system>.<reason>), or null. */
    public String getFailure() {
        return FederationTexts.describe(request.getParameter("failed"));
    }

    /** The apps the user is signed in to (usable refresh token families), newest first. */
    public List<dev.lanyard.token.RefreshFamily> getSessions() {
        return user == null ? List.of() : refreshTokens.activeFamiliesOf(user.getDomainId(), user.getUserId());
    }

    /** Ends one app session: its refresh token and the access tokens issued from it stop working. */
    public String revokeSession(String familyId) {
        if (user != null && refreshTokens.revokeFamilyOf(user.getDomainId(), user.getUserId(), familyId, "revoked_by_user")) {
            audit.record(new AuditLog.Entry(user.getDomainId(), "user.sessions_revoked", user.getUserId(), null, user.getUserId(),
                    clientAddresses.of(request), "1 refresh token family, by the user"));
        }
        return "/account/index.xhtml?faces-redirect=true";
    }

    /** Ends every app session of the user (this browser stays signed in). */
    public String revokeAllSessions() {
        if (user != null) {
            int revoked = refreshTokens.revokeAllOf(user.getDomainId(), user.getUserId(), "revoked_by_user");
            audit.record(new AuditLog.Entry(user.getDomainId(), "user.sessions_revoked", user.getUserId(), null, user.getUserId(),
                    clientAddresses.of(request), revoked + " refresh token families, by the user"));
        }
        return "/account/index.xhtml?faces-redirect=true";
    }

    /**
     * "On my behalf": tokens minted for this user without them present (JWT-bearer grants, AccessKey get_access_token,
     * tokens the upstream bridge fetched), newest first, with the app or key that asked.
     */
    public List<dev.lanyard.audit.AuditEvent> getOnBehalf() {
        if (user == null) {
            return List.of();
        }
        java.util.List<dev.lanyard.audit.AuditEvent> events = new java.util.ArrayList<>();
        for (String type : List.of("token.on_behalf", "token.bridged")) {
            events.addAll(auditQueries.page(user.getDomainId(), new dev.lanyard.audit.AuditFilter(null, null, user.getUserId(), null,
                    type, null), null, ON_BEHALF_LISTED));
        }
        events.sort(java.util.Comparator.comparing(dev.lanyard.audit.AuditEvent::getCreatedAt).reversed());
        return events.size() > ON_BEHALF_LISTED ? events.subList(0, ON_BEHALF_LISTED) : events;
    }

    public boolean isOnlyOne() {
        return methods.size() <= 1;
    }
}
