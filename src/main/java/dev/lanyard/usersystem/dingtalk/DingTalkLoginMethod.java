package dev.lanyard.usersystem.dingtalk;

import dev.lanyard.security.LoginMethod;
import dev.lanyard.usersystem.federation.FederatedLoginMethod;
import dev.lanyard.usersystem.federation.FederatedProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/** DingTalk sign-in: the callbacks from DingTalk and finished phone scans, through the shared federated flow. */
@ApplicationScoped
@Typed({DingTalkLoginMethod.class, LoginMethod.class})
public class DingTalkLoginMethod extends FederatedLoginMethod {

    @Inject
    DingTalkProvider provider;

    @Override
    protected FederatedProvider<?> provider() {
        return provider;
    }
}
