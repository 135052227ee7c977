package dev.lanyard.view.admin;

import dev.lanyard.user.Identity;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.user.UserStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * One user of the domain ({@code /admin/user.xhtml?user=<user_id>}): details, linked sign-in methods, role and status,
 * and "revoke all sessions". An id that is not a user of the caller's domain is 403 and shows nothing. Only a
 * superadmin changes a superadmin or makes one; the domain's last enabled superadmin stays one
 * ({@link UserService#change}).
 */
@Named
@RequestScoped
public class UserDetailView {

    @Inject
    AdminConsole console;

    @Inject
    UserService users;

    @Inject
    HttpServletRequest request;

    @Inject
    Clock clock;

    private User user;
    private String role;
    private String status;
    private Integer revokedFamilies;
    private List<Identity> identities;

    @PostConstruct
    void load() {
        String userId = request.getParameter("user");
        user = userId == null || userId.length() > 64 ? null : users.find(console.domainId(), userId).orElse(null);
        if (user == null) {
            console.refuse("not a user of your domain");
            return;
        }
        role = user.getRole().wireName();
        status = user.getStatus().wireName();
    }

    public User getUser() {
        return user;
    }

    /** Read once per request: the page asks in a rendered check and in the table. */
    public List<Identity> getIdentities() {
        if (identities == null) {
            identities = user == null ? List.of() : users.identitiesOf(console.domainId(), user.getUserId());
        }
        return identities;
    }

    /** Whether the caller may change this user (a superadmin: superadmins only). */
    public boolean isChangeable() {
        return user != null && (user.getRole() != Role.SUPERADMIN || console.isSuperadmin());
    }

    public String save() {
        if (!mayChange()) {
            return null;
        }
        Role newRole = UsersView.roleOf(role);
        UserStatus newStatus = UserStatus.ENABLED.wireName().equals(status) ? UserStatus.ENABLED
                : UserStatus.DISABLED.wireName().equals(status) ? UserStatus.DISABLED : null;
        if (newRole == null || newStatus == null) {
            console.error("role-form:role", "admin.users.badRole");
            return null;
        }
        if (newRole == Role.SUPERADMIN && !console.isSuperadmin()) {
            console.error("role-form:role", "admin.users.superadminOnly");
            return null;
        }
        try {
            users.change(console.domainId(), user.getUserId(), u -> u.configure(u.getNickName(), newRole, newStatus,
                    u.getPhone(), u.getEmail(), clock.instant()));
        } catch (UserService.LastSuperadminException last) {
            console.error("role-form:role", "admin.users.lastSuperadmin");
            return null;
        }
        console.audited("user.updated", user.getUserId(), null, "role " + newRole.wireName() + ", status " + newStatus.wireName());
        return backHere();
    }

    public String revokeSessions() {
        if (!mayChange()) {
            return null;
        }
        revokedFamilies = users.revokeSessions(console.domainId(), user.getUserId()).orElse(0);
        console.audited("user.sessions_revoked", user.getUserId(), null, revokedFamilies + " refresh token families");
        return null; // the answer says how many were revoked
    }

    private boolean mayChange() {
        if (user == null) {
            return false;
        }
        if (!isChangeable()) {
            console.error(null, "admin.users.superadminOnly");
            return false;
        }
        return true;
    }

    private String backHere() {
        return "/admin/user.xhtml?faces-redirect=true&user=" + URLEncoder.encode(user.getUserId(), StandardCharsets.UTF_8);
    }

    public Integer getRevokedFamilies() {
        return revokedFamilies;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public List<String> getRoles() {
        return UsersView.ROLES;
    }

    public List<String> getStatuses() {
        return java.util.Arrays.stream(UserStatus.values()).map(UserStatus::wireName).toList();
    }
}
