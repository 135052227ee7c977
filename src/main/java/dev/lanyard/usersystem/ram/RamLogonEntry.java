package dev.lanyard.usersystem.ram;

import dev.lanyard.view.login.LogonEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** PDS's login type {@code ram} goes straight to Alibaba Cloud's sign-in page. */
@ApplicationScoped
public class RamLogonEntry implements LogonEntry {

    @Override
    public String userSystem() {
        return RamSettings.USER_SYSTEM;
    }

    @Override
    public Set<String> loginTypes() {
        return Set.of(RamSettings.USER_SYSTEM);
    }

    @Override
    public Optional<String> directPath(String loginType, String next) {
        return Optional.of("/login/ram/start?next=" + (next == null ? "" : URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }
}
