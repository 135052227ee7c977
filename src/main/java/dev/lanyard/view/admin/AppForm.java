package dev.lanyard.view.admin;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import dev.lanyard.app.RedirectUriRules;
import java.util.Arrays;
import java.util.List;

/**
 * The fields an administrator types for an app (the create form and the edit form) and their checks, each failure
 * a message next to its field. Redirect URIs are typed one per line.
 */
public class AppForm {

    static final int MAX_NAME = 200;

    private String name;
    private String type = AppType.WEB_SERVER.wireName();
    private String redirectUris = "";
    private boolean thirdParty;
    private int accessTokenSeconds = App.DEFAULT_ACCESS_TOKEN_SECONDS;
    private int refreshTokenSeconds = App.DEFAULT_REFRESH_TOKEN_SECONDS;

    /** The form filled with an app's settings, to edit them. */
    static AppForm of(App app) {
        AppForm form = new AppForm();
        form.name = app.getName();
        form.type = app.getType().wireName();
        form.redirectUris = String.join("\n", app.getRedirectUris());
        form.thirdParty = !app.isFirstParty();
        form.accessTokenSeconds = app.getAccessTokenSeconds();
        form.refreshTokenSeconds = app.getRefreshTokenSeconds();
        return form;
    }

    /**
     * Checks the fields of the form with this id, adding a message next to each wrong one.
     *
     * @return whether the app may be saved
     */
    boolean validate(AdminConsole console, String formId, boolean withLifetimes) {
        boolean valid = true;
        if (trimmedName().isEmpty()) {
            console.error(formId + ":name", "admin.apps.nameRequired");
            valid = false;
        } else if (trimmedName().length() > MAX_NAME) {
            console.error(formId + ":name", "admin.apps.nameTooLong");
            valid = false;
        }
        AppType chosen = appType();
        if (chosen == null) {
            console.error(formId + ":type", "admin.apps.badType");
            return false;
        }
        List<String> uris = redirectUriList();
        String redirectProblem = RedirectUriRules.problemWithAll(uris);
        if (uris.isEmpty() && chosen != AppType.JWT) {
            console.error(formId + ":redirects", "admin.apps.redirectRequired");
            valid = false;
        } else if (redirectProblem != null) {
            console.error(formId + ":redirects", "admin.apps.redirectInvalid", redirectProblem);
            valid = false;
        }
        if (withLifetimes && (accessTokenSeconds < App.MIN_ACCESS_TOKEN_SECONDS || accessTokenSeconds > App.MAX_ACCESS_TOKEN_SECONDS)) {
            console.error(formId + ":access-seconds", "admin.apps.accessLifetime", App.MIN_ACCESS_TOKEN_SECONDS, App.MAX_ACCESS_TOKEN_SECONDS);
            valid = false;
        }
        if (withLifetimes && (refreshTokenSeconds < App.MIN_REFRESH_TOKEN_SECONDS || refreshTokenSeconds > App.MAX_REFRESH_TOKEN_SECONDS)) {
            console.error(formId + ":refresh-seconds", "admin.apps.refreshLifetime", App.MIN_REFRESH_TOKEN_SECONDS, App.MAX_REFRESH_TOKEN_SECONDS);
            valid = false;
        }
        return valid;
    }

    String trimmedName() {
        return name == null ? "" : name.trim();
    }

    AppType appType() {
        return AppType.fromWireName(type).orElse(null);
    }

    List<String> redirectUriList() {
        return redirectUris == null ? List.of()
                : Arrays.stream(redirectUris.split("\\R")).map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getRedirectUris() {
        return redirectUris;
    }

    public void setRedirectUris(String redirectUris) {
        this.redirectUris = redirectUris;
    }

    public boolean isThirdParty() {
        return thirdParty;
    }

    public void setThirdParty(boolean thirdParty) {
        this.thirdParty = thirdParty;
    }

    public int getAccessTokenSeconds() {
        return accessTokenSeconds;
    }

    public void setAccessTokenSeconds(int accessTokenSeconds) {
        this.accessTokenSeconds = accessTokenSeconds;
    }

    public int getRefreshTokenSeconds() {
        return refreshTokenSeconds;
    }

    public void setRefreshTokenSeconds(int refreshTokenSeconds) {
        this.refreshTokenSeconds = refreshTokenSeconds;
    }
}
