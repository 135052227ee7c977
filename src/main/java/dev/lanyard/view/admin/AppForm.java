package dev.lanyard.view.admin;

import dev.lanyard.app.App;
import dev.lanyard.app.AppType;
import dev.lanyard.app.RedirectUriRules;
import dev.lanyard.setup.UserSystemSettingsRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields an administrator types for an app (the create form and the edit form) and their checks, each failure
 * a message next to its field. Redirect URIs are typed one per line, scopes separated by spaces (none: "all"); no
 * user system ticked means every one the domain enables.
 */
public class AppForm {

    static final int MAX_NAME = 200;

    private String name;
    private String type = AppType.WEB_SERVER.wireName();
    private String redirectUris = "";
    private boolean thirdParty;
    private String scopes = "all";
    private List<String> userSystems = new ArrayList<>();
    private int accessTokenSeconds = App.DEFAULT_ACCESS_TOKEN_SECONDS;
    private int refreshTokenSeconds = App.DEFAULT_REFRESH_TOKEN_SECONDS;

    /** The form filled with an app's settings, to edit them. */
    static AppForm of(App app) {
        AppForm form = new AppForm();
        form.name = app.getName();
        form.type = app.getType().wireName();
        form.redirectUris = String.join("\n", app.getRedirectUris());
        form.thirdParty = !app.isFirstParty();
        form.scopes = String.join(" ", app.getScopes());
        form.userSystems = new ArrayList<>(app.getUserSystems());
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
        String scopeProblem = App.problemWithScopes(scopeList());
        if (scopeProblem != null) {
            console.error(formId + ":scopes", "admin.apps.scopesInvalid", scopeProblem);
            valid = false;
        }
        if (userSystems == null || !UserSystemSettingsRules.NAMES.containsAll(userSystems)) {
            console.error(formId + ":user-systems", "admin.apps.userSystemsInvalid");
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

    /** The scopes typed, split at white space; none typed means PDS's "all". */
    List<String> scopeList() {
        List<String> typed = scopes == null ? List.of()
                : Arrays.stream(scopes.trim().split("\\s+")).filter(scope -> !scope.isEmpty()).toList();
        return typed.isEmpty() ? List.of("all") : typed;
    }

    /** The user systems ticked, in the domain settings' order. */
    List<String> userSystemList() {
        return UserSystemSettingsRules.NAMES.stream().filter(userSystems::contains).toList();
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public List<String> getUserSystems() {
        return userSystems;
    }

    public void setUserSystems(List<String> userSystems) {
        this.userSystems = userSystems;
    }

    /** The choices of the user-systems boxes. */
    public List<String> getUserSystemChoices() {
        return UserSystemSettingsRules.NAMES;
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
