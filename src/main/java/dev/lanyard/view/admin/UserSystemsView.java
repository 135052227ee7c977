package dev.lanyard.view.admin;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.setup.UserSystemSettingsRules;
import dev.lanyard.usersystem.federation.ConnectionCheck;
import dev.lanyard.usersystem.federation.ProviderChecks;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.usersystem.mobile.MobileSignIn;
import dev.lanyard.usersystem.mobile.MobileSignInException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The User systems tab: each of Lanyard's sign-in methods for this domain, enabled or not, and its settings as JSON in
 * the shape of the import file. Secrets are write-only: the editor shows each stored one as
 * {@value UserSystemSecrets#MASK}, leaving the mask keeps it, typing a value replaces it (sealed before it is
 * stored). Settings are checked by the same rules as an import, and a method is enabled only with valid settings.
 * Switching methods or changing their settings can lock administrators out, so it is for superadmins, as in the API;
 * admins see the tab read-only.
 */
@Named
@RequestScoped
public class UserSystemsView {

    /** The most a settings document may be (a few gateways and a message template fit many times over). */
    static final int MAX_SETTINGS_CHARACTERS = 20_000;
    private static final JsonWriterFactory PRETTY = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    @Inject
    AdminConsole console;

    @Inject
    DomainService domains;

    @Inject
    SecretCipher cipher;

    @Inject
    ProviderChecks providerChecks;

    @Inject
    MobileSignIn mobile;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    HttpServletRequest request;

    private List<Row> rows;
    private String testNumber;
    private String testedSystem;
    private ConnectionCheck testResult;

    /** One user system as the page shows it; {@code settings} is what the editor holds (secrets masked). */
    public static final class Row {
        private final String system;
        private final boolean enabled;
        private String settings;

        Row(String system, boolean enabled, String settings) {
            this.system = system;
            this.enabled = enabled;
            this.settings = settings;
        }

        public String getSystem() {
            return system;
        }

        public boolean isEnabled() {
            return enabled;
        }

        /** The id of this system's form on the page (also where its messages go). */
        public String getFormId() {
            return system + "-form";
        }

        public String getSettings() {
            return settings;
        }

        public void setSettings(String settings) {
            this.settings = settings;
        }
    }

    public List<Row> getRows() {
        if (rows == null) {
            List<UserSystemConfig> stored = domains.userSystems(console.domainId());
            rows = UserSystemSettingsRules.NAMES.stream().map(name -> {
                Optional<UserSystemConfig> config = stored.stream().filter(c -> c.getUserSystem().equals(name)).findFirst();
                return new Row(name, config.map(UserSystemConfig::isEnabled).orElse(false),
                        pretty(UserSystemSecrets.masked(config.map(UserSystemConfig::getSettings).orElse(null))));
            }).toList();
        }
        return rows;
    }

    public boolean isEditable() {
        return console.isSuperadmin();
    }

    /** Enables a disabled method (when its stored settings are valid) or disables an enabled one. */
    public String toggle(Row row) {
        if (!console.requireSuperadmin("only superadmins switch sign-in methods")) {
            return null;
        }
        boolean on = !row.isEnabled();
        try {
            domains.configure(console.domainId(), null, Map.of(row.getSystem(), on), (system, stored) -> {
                String problem = UserSystemSettingsRules.problemWith(system,
                        UserSystemSecrets.openedForCheck(cipher, console.domainId(), system, stored));
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            });
        } catch (IllegalArgumentException invalid) {
            console.error(null, "admin.userSystems.cannotEnable", row.getSystem(), invalid.getMessage());
            return null;
        }
        console.audited("domain.updated", null, null, row.getSystem() + (on ? " enabled" : " disabled"));
        return "/admin/user-systems.xhtml?faces-redirect=true";
    }

    /** Stores the settings typed for {@code row}: masked secrets kept, new ones sealed, all checked first. */
    public String save(Row row) {
        if (!console.requireSuperadmin("only superadmins change sign-in methods")) {
            return null;
        }
        String typed = row.getSettings() == null ? "" : row.getSettings().trim();
        String field = row.getFormId() + ":settings";
        if (typed.length() > MAX_SETTINGS_CHARACTERS) {
            console.error(field, "admin.userSystems.tooLong", MAX_SETTINGS_CHARACTERS);
            return null;
        }
        JsonObject settings;
        try (var reader = JSON.createReader(new StringReader(typed.isEmpty() ? "{}" : typed))) {
            settings = reader.readObject();
        } catch (JsonParsingException | ClassCastException | IllegalStateException notAnObject) {
            console.error(field, "admin.userSystems.notJson");
            return null;
        }
        String domainId = console.domainId();
        String stored = domains.userSystems(domainId).stream().filter(c -> c.getUserSystem().equals(row.getSystem()))
                .findFirst().map(UserSystemConfig::getSettings).orElse(null);
        String sealed;
        try {
            sealed = UserSystemSecrets.seal(cipher, domainId, row.getSystem(), UserSystemSecrets.unmasked(settings, stored), stored);
        } catch (IllegalArgumentException noSecretToKeep) {
            console.error(field, "admin.userSystems.invalid", noSecretToKeep.getMessage());
            return null;
        }
        String problem = UserSystemSettingsRules.problemWith(row.getSystem(),
                UserSystemSecrets.openedForCheck(cipher, domainId, row.getSystem(), sealed));
        if (problem != null) {
            console.error(field, "admin.userSystems.invalid", problem);
            return null;
        }
        domains.replaceSettings(domainId, row.getSystem(), sealed);
        console.audited("domain.updated", null, null, row.getSystem() + " settings");
        return "/admin/user-systems.xhtml?faces-redirect=true";
    }

    /** Whether a row offers "Test connection" (a provider to ask) or "Send a test SMS" (mobile). */
    public boolean testable(Row row) {
        return row.getSystem().equals(MobileSettings.USER_SYSTEM) || providerChecks.testable(row.getSystem());
    }

    /**
     * Tries the saved settings of {@code row} (not what the editor holds): a provider is asked whether it accepts the
     * app's credentials; mobile sends a test SMS to the number typed. The answer shows in the row; audited
     * {@code user_system.tested}.
     */
    public String test(Row row) {
        if (!console.requireSuperadmin("only superadmins test sign-in methods")) {
            return null;
        }
        String domainId = console.domainId();
        if (row.getSystem().equals(MobileSettings.USER_SYSTEM)) {
            try {
                String gateway = mobile.sendTestMessage(new MobileSignIn.Origin(domainId, null, "console-test", clientAddresses.of(request)),
                        testNumber);
                testResult = ConnectionCheck.accepted(console.text("admin.userSystems.smsSent").replace("{0}", gateway));
            } catch (MobileSignInException refused) {
                testResult = ConnectionCheck.refused(refused.status() == 503 || refused.textKey().equals("mobile.settingsUnusable")
                        ? refused.getMessage() : console.text(refused.textKey()).replace("{0}", Long.toString(refused.retryAfterSeconds())));
            }
        } else if (providerChecks.testable(row.getSystem())) {
            testResult = providerChecks.check(domainId, row.getSystem());
        } else {
            return null;
        }
        testedSystem = row.getSystem();
        console.audited("user_system.tested", null, null, row.getSystem() + (testResult.accepted() ? " accepted" : " refused"));
        return null; // the answer shows the result next to the row
    }

    /** The result of this request's test for {@code row}, or null. */
    public ConnectionCheck resultFor(Row row) {
        return row.getSystem().equals(testedSystem) ? testResult : null;
    }

    public String getTestNumber() {
        return testNumber;
    }

    public void setTestNumber(String testNumber) {
        this.testNumber = testNumber;
    }

    private static String pretty(JsonObject json) {
        StringWriter out = new StringWriter();
        try (var writer = PRETTY.createWriter(out)) {
            writer.writeObject(json);
        }
        return out.toString().trim();
    }
}
