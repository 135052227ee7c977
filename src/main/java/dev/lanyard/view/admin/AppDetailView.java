package dev.lanyard.view.admin;

import dev.lanyard.app.App;
import dev.lanyard.app.AppKeyMaterial;
import dev.lanyard.app.AppPublicKey;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppType;
import dev.lanyard.app.PublicKeyPems;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One app of the domain ({@code /admin/app.xhtml?app=<app_id>}): its settings and how to use it, the edit form, a new
 * secret for a WebServer app, the public keys of a JWT app (upload a PEM, or generate a pair whose private key is
 * shown once), delete. An id that is not an app of the caller's domain is refused with 403 and shows nothing, whether
 * it exists elsewhere or not. Apps allowed service tokens act with superadmin rights, so only a superadmin changes them.
 */
@Named
@RequestScoped
public class AppDetailView {

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

    private App app;
    private AppForm form;
    private String newKid;
    private String newPem;
    private boolean generateKey;
    private String newSecret;
    private AppKeyMaterial.GeneratedPair generated;

    @PostConstruct
    void load() {
        String appId = request.getParameter("app");
        app = appId == null || appId.length() > 64 ? null : apps.find(console.domainId(), appId).orElse(null);
        if (app == null) {
            console.refuse("not an app of your domain");
            return;
        }
        form = AppForm.of(app);
    }

    public App getApp() {
        return app;
    }

    /** Whether the caller may change this app (an app with service tokens: superadmins only). */
    public boolean isChangeable() {
        return app != null && (!app.isServiceTokens() || console.isSuperadmin());
    }

    public String getAuthorizeUrlExample() {
        return app == null ? null : links.authorizeUrlExample(app);
    }

    public String save() {
        if (!mayChange() || app.isBuiltIn() || !form.validate(console, "edit-form", true)) {
            return null;
        }
        if (!form.trimmedName().equals(app.getName()) && apps.nameTaken(console.domainId(), form.trimmedName(), app.getAppId())) {
            console.error("edit-form:name", "admin.apps.nameTaken");
            return null;
        }
        apps.change(console.domainId(), app.getAppId(), a -> a.configure(form.trimmedName(), a.getType(), form.redirectUriList(),
                form.scopeList(), form.userSystemList(), !form.isThirdParty(), form.getAccessTokenSeconds(), form.getRefreshTokenSeconds(),
                a.getStatus(), clock.instant()));
        console.audited("app.updated", null, app.getAppId(), "settings");
        return backHere();
    }

    public String regenerateSecret() {
        if (!mayChange() || app.getType() != AppType.WEB_SERVER) {
            return null;
        }
        newSecret = apps.regenerateSecret(console.domainId(), app.getAppId()).orElse(null);
        console.audited("app.secret_regenerated", null, app.getAppId(), null);
        return null; // this answer shows the new secret once
    }

    public String addKey() {
        if (!mayChange() || app.getType() != AppType.JWT) {
            return null;
        }
        String kid = newKid == null || newKid.isBlank() ? AppKeyMaterial.newKid() : newKid.trim();
        if (!AppKeyMaterial.KID.matcher(kid).matches()) {
            console.error("key-form:kid", "admin.apps.badKid");
            return null;
        }
        if (app.getPublicKeys().stream().anyMatch(k -> k.getKid().equals(kid))) {
            console.error("key-form:kid", "admin.apps.kidTaken");
            return null;
        }
        if (app.getPublicKeys().size() >= App.MAX_PUBLIC_KEYS) {
            console.error(null, "admin.apps.tooManyKeys", App.MAX_PUBLIC_KEYS);
            return null;
        }
        String publicPem;
        if (generateKey) {
            generated = AppKeyMaterial.generateRsaPair();
            publicPem = generated.publicPem();
        } else {
            publicPem = newPem == null ? "" : newPem.trim();
            try {
                if (publicPem.length() > AppKeyMaterial.MAX_PEM_CHARACTERS) {
                    throw new IllegalArgumentException("too long");
                }
                PublicKeyPems.parse(publicPem, kid);
            } catch (IllegalArgumentException bad) {
                console.error("key-form:pem", "admin.apps.badPem");
                return null;
            }
        }
        Map<String, String> keys = keysOf(app);
        keys.put(kid, publicPem);
        app = apps.change(console.domainId(), app.getAppId(), a -> a.replacePublicKeys(keys, clock.instant())).orElseThrow();
        console.audited("app.key_set", null, app.getAppId(), (generateKey ? "generated kid " : "uploaded kid ") + kid);
        newKid = null;
        newPem = null;
        return generateKey ? null : backHere(); // a generated pair's private key is on this answer, once
    }

    public String removeKey(String kid) {
        if (!mayChange()) {
            return null;
        }
        Map<String, String> keys = keysOf(app);
        if (keys.remove(kid) != null) {
            apps.change(console.domainId(), app.getAppId(), a -> a.replacePublicKeys(keys, clock.instant()));
            console.audited("app.key_removed", null, app.getAppId(), "kid " + kid);
        }
        return backHere();
    }

    public String toggle() {
        if (!mayChange()) {
            return null;
        }
        AppsView.switchStatus(console, apps, clock, app);
        return backHere();
    }

    public String delete() {
        if (!mayChange()) {
            return null;
        }
        if (app.isBuiltIn()) {
            console.error(null, "admin.apps.builtInDelete");
            return null;
        }
        if (apps.delete(console.domainId(), app.getAppId())) {
            console.audited("app.deleted", null, app.getAppId(), app.getType().wireName());
        }
        return "/admin/apps.xhtml?faces-redirect=true";
    }

    private boolean mayChange() {
        if (app == null) {
            return false;
        }
        if (!isChangeable()) {
            console.error(null, "admin.apps.serviceTokensSuperadmin");
            return false;
        }
        return true;
    }

    private String backHere() {
        return "/admin/app.xhtml?faces-redirect=true&app=" + app.getAppId();
    }

    private static Map<String, String> keysOf(App app) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (AppPublicKey key : app.getPublicKeys()) {
            keys.put(key.getKid(), key.getPem());
        }
        return keys;
    }

    public AppForm getForm() {
        return form;
    }

    public String getNewKid() {
        return newKid;
    }

    public void setNewKid(String newKid) {
        this.newKid = newKid;
    }

    public String getNewPem() {
        return newPem;
    }

    public void setNewPem(String newPem) {
        this.newPem = newPem;
    }

    public boolean isGenerateKey() {
        return generateKey;
    }

    public void setGenerateKey(boolean generateKey) {
        this.generateKey = generateKey;
    }

    public String getNewSecret() {
        return newSecret;
    }

    public AppKeyMaterial.GeneratedPair getGenerated() {
        return generated;
    }
}
