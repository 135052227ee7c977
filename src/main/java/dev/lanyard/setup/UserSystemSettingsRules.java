package dev.lanyard.setup;

import dev.lanyard.usersystem.mobile.MobileSettings;
import jakarta.json.JsonObject;

/** Checks the settings of a user system in an import before anything is applied, so a typo fails the import, not a login. */
final class UserSystemSettingsRules {

    private UserSystemSettingsRules() {
    }

    /** What is wrong with the settings (starting with the field's path below "settings"), or null. */
    static String problemWith(String userSystem, JsonObject settings) {
        try {
            if (userSystem.equals(MobileSettings.USER_SYSTEM)) {
                MobileSettings.parse(settings);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
