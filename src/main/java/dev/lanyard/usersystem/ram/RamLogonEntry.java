package dev.lanyard.usersystem.ram;

import dev.lanyard.view.login.LogonEntry;
import jakarta.enterprise.context.ApplicationScoped;
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
    public Optional<String> directAction(String loginType) {
        return Optional.of("/login/" + RamSettings.USER_SYSTEM + "/start");
    }
}
