package dev.lanyard.usersystem.dingtalk;

import dev.lanyard.view.login.LogonEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/** PDS's login types for DingTalk: {@code ding} shows a code to scan with the DingTalk app, {@code ding_sns} DingTalk's own sign-in page. */
@ApplicationScoped
public class DingTalkLogonEntry implements LogonEntry {

    @Override
    public String userSystem() {
        return DingTalkSettings.USER_SYSTEM;
    }

    @Override
    public Set<String> loginTypes() {
        return Set.of("ding", "ding_sns", DingTalkSettings.USER_SYSTEM);
    }

    @Override
    public Optional<String> directAction(String loginType) {
        return switch (loginType) {
            case "ding" -> Optional.of("/login/" + DingTalkSettings.USER_SYSTEM + "/scan-start");
            case "ding_sns" -> Optional.of("/login/" + DingTalkSettings.USER_SYSTEM + "/start");
            default -> Optional.empty();
        };
    }
}
