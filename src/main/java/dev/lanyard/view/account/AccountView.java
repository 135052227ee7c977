package dev.lanyard.view.account;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.security.BrowserSessions;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.audit.AuditEvent;
import dev.lanyard.audit.AuditFilter;
import dev.lanyard.audit.AuditQueries;
import dev.lanyard.token.RefreshFamily;
import dev.lanyard.token.RefreshTokenService;
import dev.lanyard.user.Identity;
import dev.lanyard.user.User;
import dev.lanyard.user.UserFields;
import dev.lanyard.user.UserService;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.usersystem.mobile.MobileSignIn;
import dev.lanyard.usersystem.mobile.MobileSignInException;
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
import java.net.URI;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The account portal (account/index.xhtml), for any signed-in user: their profile (nick name, avatar, e-mail), their
 * sign-in methods (link each provider the domain enables, unlink all but the last, a new mobile number proven by an SMS
 * code), the apps they are signed in to (revoke one or all) and the tokens minted on their behalf. The bean collects
 * input and calls the services; the rules live there.
 */
@Named
@RequestScoped
public class AccountView {

    @Inject
    SecurityContext securityContext;

    @Inject
    BrowserSessions browserSessions;

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
    RefreshTokenService refreshTokens;

    @Inject
    AuditQueries auditQueries;

    @Inject
    MobileSignIn mobile;

    @Inject
    Clock clock;

    /** Longest avatar URL the profile takes (as the /v2/user API). */
    static final int MAX_AVATAR = 1024;

    /** How many tokens minted on the user's behalf the page lists, newest first. */
    static final int ON_BEHALF_LISTED = 50;

    /** One linked sign-in method as the page lists it. */
    public record Method(long id, String type, String label, Instant linkedAt) {
    }

    private User user;
    private List<Method> methods = List.of();
    private List<String> linkable = List.of();
    private boolean mobileEnabled;
    private List<RefreshFamily> sessions;
    private List<BrowserSessions.SignedInBrowser> browsers;
    private List<AuditEvent> onBehalf;

    // the profile form
    private String nickName;
    private String avatar;
    private String email;

    // the new-number forms: the number, then the code sent to it
    private String newNumber;
    private String challengeId;
    private String code;
    private boolean codeSent;

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
        nickName = user.getNickName();
        avatar = user.getAvatar();
        email = user.getEmail();
        List<Identity> identities = accounts.identitiesOf(user);
        methods = identities.stream().map(i -> new Method(i.getId(), i.getType(), label(i), i.getCreatedAt())).toList();
        Set<String> linkedTypes = identities.stream().map(Identity::getType).collect(Collectors.toSet());
        // the domain's methods read once: the page asks about them in several places and phases
        Set<String> enabled = domains.userSystems(user.getDomainId()).stream().filter(UserSystemConfig::isEnabled)
                .map(UserSystemConfig::getUserSystem).collect(Collectors.toSet());
        mobileEnabled = enabled.contains(MobileSettings.USER_SYSTEM);
        linkable = providers.stream().map(FederatedProvider::userSystem)
                .filter(system -> enabled.contains(system) && !linkedTypes.contains(system))
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
                return backWithNotice("unlinked");
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
    public List<RefreshFamily> getSessions() {
        if (sessions == null) { // read once per request: the page asks in rendered checks and in the table
            sessions = user == null ? List.of() : refreshTokens.activeFamiliesOf(user.getDomainId(), user.getUserId());
        }
        return sessions;
    }

    /** Ends one app session: its refresh token and the access tokens issued from it stop working. */
    public String revokeSession(String familyId) {
        if (user != null && refreshTokens.revokeFamilyOf(user.getDomainId(), user.getUserId(), familyId, "revoked_by_user")) {
            audit.record(new AuditLog.Entry(user.getDomainId(), "user.sessions_revoked", user.getUserId(), null, user.getUserId(),
                    clientAddresses.of(request), "1 refresh token family, by the user"));
        }
        return "/account/index.xhtml?faces-redirect=true";
    }

    /** The browsers the user is signed in with (this one marked), read once per request. */
    public List<BrowserSessions.SignedInBrowser> getBrowsers() {
        if (browsers == null) {
            browsers = user == null ? List.of() : browserSessions.browsersOf(request, user.getDomainId(), user.getUserId());
        }
        return browsers;
    }

    /** Signs the user out of every other browser, on every node at once; this one stays signed in. */
    public String signOutOtherBrowsers() {
        if (user == null) {
            return null;
        }
        int ended = browserSessions.endOthers(request);
        audit.record(new AuditLog.Entry(user.getDomainId(), "user.sessions_revoked", user.getUserId(), null, user.getUserId(),
                clientAddresses.of(request), ended + " other browsers, by the user"));
        return backWithNotice("others-signed-out");
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
    public List<AuditEvent> getOnBehalf() {
        if (onBehalf != null) {
            return onBehalf;
        }
        if (user == null) {
            return onBehalf = List.of();
        }
        List<AuditEvent> events = new ArrayList<>();
        for (String type : List.of("token.on_behalf", "token.bridged")) {
            events.addAll(auditQueries.page(user.getDomainId(), new AuditFilter(null, null, user.getUserId(), null, type, null),
                    null, ON_BEHALF_LISTED));
        }
        events.sort(Comparator.comparing(AuditEvent::getCreatedAt).reversed());
        onBehalf = events.size() > ON_BEHALF_LISTED ? events.subList(0, ON_BEHALF_LISTED) : events;
        return onBehalf;
    }

    /** Saves nick name, avatar and e-mail; each bad field gets its message next to it and nothing is stored. */
    public String saveProfile() {
        if (user == null) {
            return null;
        }
        String name = trimmed(nickName);
        String picture = trimmed(avatar);
        String mail = trimmed(email);
        boolean valid = true;
        if (name == null || name.length() > UserFields.MAX_NICK_NAME) {
            error("profile-form:nick-name", "account.badNickName", UserFields.MAX_NICK_NAME);
            valid = false;
        }
        if (picture != null && !isHttpsUrl(picture)) {
            error("profile-form:avatar", "account.badAvatar", MAX_AVATAR);
            valid = false;
        }
        if (mail != null && !UserFields.isEmail(mail)) {
            error("profile-form:email", "admin.users.badEmail");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        Instant now = clock.instant();
        users.change(user.getDomainId(), user.getUserId(), u -> {
            u.configure(name, u.getRole(), u.getStatus(), u.getPhone(), mail, now);
            u.adoptAvatar(picture, now);
        });
        audit.record(new AuditLog.Entry(user.getDomainId(), "user.updated", user.getUserId(), null, user.getUserId(),
                clientAddresses.of(request), "profile, by the user"));
        return backWithNotice("profile-saved");
    }

    /** Sends a code to the new number; the code form then shows. */
    public String sendNumberCode() {
        if (user == null) {
            return null;
        }
        try {
            challengeId = mobile.sendCodeForNewNumber(origin(), newNumber, null);
            codeSent = true;
        } catch (MobileSignInException refused) {
            error("number-form:new-number", refused.textKey(), refused.retryAfterSeconds());
        }
        return null;
    }

    /** Makes the proven number the user's mobile sign-in and phone. */
    public String confirmNumber() {
        if (user == null) {
            return null;
        }
        try {
            mobile.changeNumber(origin(), user.getUserId(), newNumber, null, challengeId, code);
            return backWithNotice("number-changed");
        } catch (MobileSignInException refused) {
            codeSent = true;
            code = null;
            error("code-form:code", refused.textKey(), refused.retryAfterSeconds());
            return null;
        }
    }

    /** Whether the domain offers mobile-number sign-in (the number section shows only then). */
    public boolean isMobileEnabled() {
        return mobileEnabled;
    }

    /** The user's mobile number as the page shows it (masked), or null. */
    public String getCurrentNumber() {
        return methods.stream().filter(m -> m.type().equals(MobileSettings.USER_SYSTEM)).map(Method::label).findFirst().orElse(null);
    }

    /** The avatar when it is an https URL (only such are stored; older values from the API are not drawn). */
    public String getAvatarToShow() {
        return user != null && user.getAvatar() != null && isHttpsUrl(user.getAvatar()) ? user.getAvatar() : null;
    }

    /** A code sent for the new number binds to this user: another user's page cannot use it. */
    private MobileSignIn.Origin origin() {
        return new MobileSignIn.Origin(user.getDomainId(), null, "account:" + user.getUserId(), clientAddresses.of(request));
    }

    static boolean isHttpsUrl(String value) {
        if (value.length() > MAX_AVATAR) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException notAUri) {
            return false;
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * What the page says after a change, named by the redirect's {@code done} parameter (not the Faces flash, which
     * one node keeps in memory: the redirected GET may reach another node). Only these names show anything.
     */
    private static final Map<String, String> NOTICES = Map.of(
            "unlinked", "account.unlinked", "profile-saved", "account.profileSaved", "number-changed", "account.numberChanged",
            "others-signed-out", "account.othersSignedOut");

    private static String backWithNotice(String notice) {
        return "/account/index.xhtml?faces-redirect=true&done=" + notice;
    }

    /** The notice of the change just made, or null. */
    public String getNotice() {
        String done = request.getParameter("done");
        String key = done == null ? null : NOTICES.get(done); // Map.of refuses a null key
        return key == null ? null : text(FacesContext.getCurrentInstance(), key);
    }

    private void error(String clientId, String textKey, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String message = MessageFormat.format(text(faces, textKey), arguments);
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    private static String text(FacesContext faces, String key) {
        return faces.getApplication().getResourceBundle(faces, "text").getString(key);
    }

    public String getNickName() {
        return nickName;
    }

    public void setNickName(String nickName) {
        this.nickName = nickName;
    }

    public String getAvatar() {
        return avatar;
    }

    public void setAvatar(String avatar) {
        this.avatar = avatar;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getNewNumber() {
        return newNumber;
    }

    public void setNewNumber(String newNumber) {
        this.newNumber = newNumber;
    }

    public String getChallengeId() {
        return challengeId;
    }

    public void setChallengeId(String challengeId) {
        this.challengeId = challengeId;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public boolean isCodeSent() {
        return codeSent;
    }

    public boolean isOnlyOne() {
        return methods.size() <= 1;
    }
}
