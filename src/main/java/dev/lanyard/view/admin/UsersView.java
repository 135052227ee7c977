package dev.lanyard.view.admin;

import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserFields;
import dev.lanyard.user.UserService;
import dev.lanyard.user.UserStatus;
import dev.lanyard.usersystem.mobile.PhoneNumbers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The Users tab: search the domain's users by user_id, nick name, phone number or e-mail a page at a time (keyset
 * paging, {@code ?q=&after=}), and create one. Only a superadmin creates a superadmin, as in the API.
 */
@Named
@RequestScoped
public class UsersView {

    static final int PAGE_SIZE = 50;
    static final int MAX_QUERY = 100;
    static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wireName).toList();

    @Inject
    AdminConsole console;

    @Inject
    UserService users;

    @Inject
    HttpServletRequest request;

    private List<User> page;
    private Long nextAfter;
    private String userId;
    private String nickName;
    private String role = Role.USER.wireName();
    private String phone;
    private String email;
    private User created;

    public String getQuery() {
        String query = request.getParameter("q");
        return query == null ? "" : query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query.trim();
    }

    public List<User> getUsers() {
        if (page == null) {
            Long after = null;
            try {
                String parameter = request.getParameter("after");
                after = parameter == null || parameter.isBlank() ? null : Long.valueOf(parameter);
            } catch (NumberFormatException brokenLink) {
                // a page link that was tampered with starts at the first page
            }
            List<User> rows = users.search(console.domainId(), getQuery(), after, PAGE_SIZE + 1);
            page = rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
            nextAfter = rows.size() > PAGE_SIZE ? page.get(PAGE_SIZE - 1).getId() : null;
        }
        return page;
    }

    public String getNextPageUrl() {
        getUsers();
        return nextAfter == null ? null : request.getContextPath() + "/admin/users.xhtml?q="
                + URLEncoder.encode(getQuery(), StandardCharsets.UTF_8) + "&after=" + nextAfter;
    }

    public String create() {
        String id = userId == null || userId.isBlank() ? UserService.newUserId() : userId.trim();
        boolean valid = true;
        if (!UserFields.USER_ID.matcher(id).matches()) {
            console.error("create-form:user-id", "admin.users.badUserId");
            valid = false;
        }
        String name = nickName == null ? "" : nickName.trim();
        if (name.length() > UserFields.MAX_NICK_NAME) {
            console.error("create-form:nick-name", "admin.users.nickNameTooLong", UserFields.MAX_NICK_NAME);
            valid = false;
        }
        Role newRole = roleOf(role);
        if (newRole == null) {
            console.error("create-form:role", "admin.users.badRole");
            valid = false;
        } else if (newRole == Role.SUPERADMIN && !console.isSuperadmin()) {
            console.error("create-form:role", "admin.users.superadminOnly");
            valid = false;
        }
        String e164 = null;
        if (phone != null && !phone.isBlank()) {
            try {
                e164 = PhoneNumbers.parse(phone, "86").e164();
            } catch (IllegalArgumentException notANumber) {
                console.error("create-form:phone", "admin.users.badPhone");
                valid = false;
            }
        }
        String mail = email == null || email.isBlank() ? null : email.trim();
        if (mail != null && !UserFields.isEmail(mail)) {
            console.error("create-form:email", "admin.users.badEmail");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        created = users.createUser(console.domainId(), id, name.isEmpty() ? id : name, newRole, UserStatus.ENABLED, e164, mail, null)
                .orElse(null);
        if (created == null) {
            console.error("create-form:user-id", "admin.users.userIdTaken");
            return null;
        }
        console.audited("user.created", created.getUserId(), null, "role " + newRole.wireName());
        userId = nickName = phone = email = null;
        role = Role.USER.wireName();
        return null;
    }

    /** A role by its wire name, or null. */
    static Role roleOf(String wireName) {
        return Arrays.stream(Role.values()).filter(r -> r.wireName().equals(wireName)).findFirst().orElse(null);
    }

    public List<String> getRoles() {
        return ROLES;
    }

    public User getCreated() {
        return created;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getNickName() {
        return nickName;
    }

    public void setNickName(String nickName) {
        this.nickName = nickName;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }
}
