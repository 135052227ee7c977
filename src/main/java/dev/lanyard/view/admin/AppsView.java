package dev.lanyard.view.admin;

import dev.lanyard.app.App;
import dev.lanyard.app.AppKeyMaterial;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppStatus;
import dev.lanyard.app.AppType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The Applications tab: the domain's apps a page at a time, "Allow Access" / "Disallow" for the built-in BasicUI (and
 * enable / disable for the others), and the form that registers an app. A WebServer app's secret, and the private key
 * of a JWT app's generated pair, are on the answer page this once.
 */
@Named
@RequestScoped
public class AppsView {

    static final int PAGE_SIZE = 50;

    @Inject
    AdminConsole console;

    @Inject
    AppService apps;

    @Inject
    AppLinks links;

    @Inject
    HttpServletRequest request;

    @Inject
    Clock clock;

    private AppForm form = new AppForm();
    private boolean generateKey = true;
    private List<App> page;
    private Long nextAfter;
    private AppService.Registered registered;
    private AppKeyMaterial.GeneratedPair generated;
    private String generatedKid;

    /** The page of apps, read when first shown (after a create, so the new app is in it). */
    public List<App> getApps() {
        if (page == null) {
            loadPage();
        }
        return page;
    }

    private void loadPage() {
        Long after = null;
        try {
            String parameter = request.getParameter("after");
            after = parameter == null || parameter.isBlank() ? null : Long.valueOf(parameter);
        } catch (NumberFormatException brokenLink) {
            // a page link that was tampered with starts at the first page
        }
        List<App> rows = apps.pageAfter(console.domainId(), after, PAGE_SIZE + 1);
        page = rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
        nextAfter = rows.size() > PAGE_SIZE ? page.get(PAGE_SIZE - 1).getId() : null;
    }

    public String getNextPageUrl() {
        getApps();
        return nextAfter == null ? null : request.getContextPath() + "/admin/apps.xhtml?after=" + nextAfter;
    }

    /** "Allow Access" / "Disallow" (BasicUI), enable / disable (other apps). */
    public String toggle(String appId) {
        App app = apps.find(console.domainId(), appId).orElse(null);
        if (app == null) {
            return "/admin/apps.xhtml?faces-redirect=true";
        }
        if (app.isServiceTokens() && !console.isSuperadmin()) {
            console.error(null, "admin.apps.serviceTokensSuperadmin");
            return null;
        }
        switchStatus(console, apps, clock, app);
        return "/admin/apps.xhtml?faces-redirect=true";
    }

    /**
     * Enables a disabled app or disables an enabled one, audited; for BasicUI that is PDS's "Allow Access" /
     * "Disallow". The caller has checked that the administrator may change the app.
     */
    static void switchStatus(AdminConsole console, AppService apps, Clock clock, App app) {
        AppStatus status = app.isEnabled() ? AppStatus.DISABLED : AppStatus.ENABLED;
        apps.change(console.domainId(), app.getAppId(), a -> a.setStatus(status, clock.instant()));
        String event = !app.isBuiltIn() ? "app.updated" : status == AppStatus.ENABLED ? "app.access_allowed" : "app.access_disallowed";
        console.audited(event, null, app.getAppId(), status == AppStatus.ENABLED ? "status enabled" : "status disabled");
    }

    public String create() {
        if (!form.validate(console, "create-form", false)) {
            return null;
        }
        AppType type = form.appType();
        if (type == AppType.JWT && generateKey) {
            generated = AppKeyMaterial.generateRsaPair();
            generatedKid = AppKeyMaterial.newKid();
        }
        try {
            registered = apps.register(console.domainId(), form.trimmedName(), type, form.redirectUriList(), form.scopeList(),
                    form.userSystemList(), !form.isThirdParty(), generated == null ? Map.of() : Map.of(generatedKid, generated.publicPem()));
        } catch (AppService.NameTaken taken) {
            generated = null;
            console.error("create-form:name", "admin.apps.nameTaken");
            return null;
        }
        String appId = registered.app().getAppId();
        console.audited("app.created", null, appId, type.wireName());
        if (generated != null) {
            console.audited("app.key_set", null, appId, "generated kid " + generatedKid);
        }
        form = new AppForm(); // an empty form for the next app
        return null; // this answer shows the secret or private key; a redirect would lose it
    }

    public String authorizeUrlExample(App app) {
        return links.authorizeUrlExample(app);
    }

    public AppForm getForm() {
        return form;
    }

    public boolean isGenerateKey() {
        return generateKey;
    }

    public void setGenerateKey(boolean generateKey) {
        this.generateKey = generateKey;
    }

    public AppService.Registered getRegistered() {
        return registered;
    }

    public AppKeyMaterial.GeneratedPair getGenerated() {
        return generated;
    }

    public String getGeneratedKid() {
        return generatedKid;
    }

    public List<String> getTypes() {
        return java.util.Arrays.stream(AppType.values()).map(AppType::wireName).toList();
    }
}
