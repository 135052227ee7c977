package dev.lanyard.usersystem.dingtalk;

import dev.lanyard.view.login.LogonEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** PDS's login types for DingTalk: {@code ding} opens the page to scan with the DingTalk app, {@code ding_sns} DingTalk's own sign-in page. */
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
    public Optional<String> directPath(String loginType, String next) {
        String nextParameter = next == null ? "" : URLEncoder.encode(next, StandardCharsets.UTF_8);
        return switch (loginType) {
            case "ding" -> Optional.of("/login/scan.xhtml?system=" + DingTalkSettings.USER_SYSTEM + "&next=" + nextParameter);
            case "ding_sns" -> Optional.of("/login/dingtalk/start?next=" + nextParameter);
            default -> Optional.empty();
        };
    }
}
