package dev.lanyard.setup;

import dev.lanyard.usersystem.dingtalk.DingTalkSettings;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.usersystem.ram.RamSettings;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;

/** Checks the settings of a user system in an import before anything is applied, so a typo fails the import, not a login. */
public final class UserSystemSettingsRules {

    /** Every user system Lanyard has, with the parser of its settings (password sign-in has none). */
    private static final Map<String, Consumer<JsonObject>> PARSERS = Map.of(
            "password", settings -> {
                if (!settings.isEmpty()) {
                    throw new IllegalArgumentException(settings.keySet().iterator().next() + ": unknown field");
                }
            },
            MobileSettings.USER_SYSTEM, MobileSettings::parse,
            DingTalkSettings.USER_SYSTEM, DingTalkSettings::parse,
            RamSettings.USER_SYSTEM, RamSettings::parse);

    private UserSystemSettingsRules() {
    }

    /** Lanyard's user systems in the order the console lists them. */
    public static final java.util.List<String> NAMES = java.util.List.of("password", MobileSettings.USER_SYSTEM,
            DingTalkSettings.USER_SYSTEM, RamSettings.USER_SYSTEM);

    /** Whether Lanyard has a user system of this name. */
    public static boolean exists(String userSystem) {
        return PARSERS.containsKey(userSystem);
    }

    /** What is wrong with the settings (starting with the field's path below "settings"), or null. */
    public static String problemWith(String userSystem, JsonObject settings) {
        try {
            PARSERS.get(userSystem).accept(settings);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
