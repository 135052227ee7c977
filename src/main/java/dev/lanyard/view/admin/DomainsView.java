package dev.lanyard.view.admin;

import dev.lanyard.domain.Domain;
import dev.lanyard.domain.DomainService;
import dev.lanyard.security.Bulkhead;
import dev.lanyard.setup.DomainImporter;
import dev.lanyard.setup.DomainSpec;
import dev.lanyard.setup.ImportParser;
import dev.lanyard.user.Role;
import dev.lanyard.user.UserFields;
import dev.lanyard.user.UserStatus;
import dev.lanyard.usersystem.password.PasswordLoginMethod;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Domains tab, for the platform's operators only (superadmins of the server's default domain): every domain in id
 * order (50 a page), "Manage" to switch the console to one ({@link ManageDomainServlet}), and a new domain with password sign-in, BasicUI (off until
 * "Allow Access") and optionally its first superadmin, created in one transaction by the same importer as domain files.
 */
@Named
@RequestScoped
public class DomainsView {

    static final int PAGE_SIZE = 50;

    @Inject
    AdminConsole console;

    @Inject
    DomainService domains;

    @Inject
    DomainImporter importer;

    @Inject
    HttpServletRequest request;

    private boolean allowed;
    private List<Domain> page = List.of();
    private String nextAfter;

    // the create form
    private String domainId;
    private String name;
    private String adminUserId;
    private String adminPassword;
    private String created;

    @PostConstruct
    void load() {
        allowed = console.isPlatformOperator();
        if (!allowed) {
            console.refuse("only the platform's operators manage domains");
            return;
        }
        loadPage();
    }

    private void loadPage() {
        String after = request.getParameter("after");
        List<Domain> rows = domains.pageAfter(after == null || !Domain.ID.matcher(after).matches() ? null : after, PAGE_SIZE + 1);
        page = rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
        nextAfter = rows.size() > PAGE_SIZE ? page.get(PAGE_SIZE - 1).getDomainId() : null;
    }

    public String create() {
        if (!allowed) {
            return null;
        }
        String id = domainId == null ? "" : domainId.trim();
        String title = name == null || name.isBlank() ? id : name.trim();
        String admin = adminUserId == null || adminUserId.isBlank() ? null : adminUserId.trim();
        String password = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
        boolean valid = true;
        if (!Domain.ID.matcher(id).matches()) {
            console.error("create-form:domain-id", "admin.domains.badId");
            valid = false;
        }
        if (title.length() > Domain.MAX_NAME) {
            console.error("create-form:name", "admin.domains.nameTooLong", Domain.MAX_NAME);
            valid = false;
        }
        if (admin != null && !UserFields.USER_ID.matcher(admin).matches()) {
            console.error("create-form:admin-user-id", "admin.users.badUserId");
            valid = false;
        }
        if ((admin == null) != (password == null)) {
            console.error(admin == null ? "create-form:admin-user-id" : "create-form:admin-password", "admin.domains.adminPair");
            valid = false;
        } else if (password != null && password.length() < ImportParser.MIN_SECRET_LENGTH) {
            console.error("create-form:admin-password", "admin.domains.passwordTooShort", ImportParser.MIN_SECRET_LENGTH);
            valid = false;
        }
        if (!valid) {
            return null;
        }
        List<DomainSpec.UserSpec> firstAdmin = admin == null ? List.of()
                : List.of(new DomainSpec.UserSpec(admin, admin, Role.SUPERADMIN, UserStatus.ENABLED, null, null, password));
        DomainSpec spec = new DomainSpec(id, title, Map.of(PasswordLoginMethod.NAME, new DomainSpec.UserSystemSpec(true, "{}")),
                List.of(), firstAdmin, List.of(), new DomainSpec.Prune(false, false, false), null);
        Optional<DomainImporter.Report> report;
        try {
            report = importer.create(spec);
        } catch (Bulkhead.Full busy) {
            console.error(null, "login.busy"); // hashing the first superadmin's password found no free slot
            return null;
        } catch (RuntimeException createdMeanwhile) {
            if (!domains.exists(id)) {
                throw createdMeanwhile;
            }
            report = Optional.empty(); // another operator created the same id at the same moment
        }
        if (report.isEmpty()) {
            console.error("create-form:domain-id", "admin.domains.idTaken");
            return null;
        }
        String detail = admin == null ? "without an administrator" : "first superadmin " + admin;
        console.auditedIn(id, "domain.created", admin, detail);
        // and in the operator's own domain (not in a tenant the operator happens to manage)
        console.auditedIn(console.caller().getDomainId(), "domain.created", null, "domain " + id + ", " + detail);
        created = id;
        domainId = name = adminUserId = adminPassword = null;
        loadPage(); // the list on this answer shows the new domain
        return null;
    }

    public List<Domain> getDomains() {
        return page;
    }

    public String getNextPageUrl() {
        return nextAfter == null ? null
                : request.getContextPath() + "/admin/domains.xhtml?after=" + URLEncoder.encode(nextAfter, StandardCharsets.UTF_8);
    }

    /** The domain just created (the answer page says so and offers to manage it). */
    public String getCreated() {
        return created;
    }

    public String getDomainId() {
        return domainId;
    }

    public void setDomainId(String domainId) {
        this.domainId = domainId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAdminUserId() {
        return adminUserId;
    }

    public void setAdminUserId(String adminUserId) {
        this.adminUserId = adminUserId;
    }

    /** Write-only: the page never shows it back. */
    public String getAdminPassword() {
        return null;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }
}
