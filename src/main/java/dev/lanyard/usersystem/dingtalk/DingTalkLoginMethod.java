package dev.lanyard.usersystem.dingtalk;

import dev.lanyard.security.LoginMethod;
import dev.lanyard.usersystem.federation.FederatedSignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** DingTalk sign-in: the callbacks from DingTalk (and finished phone scans) go through the shared federated flow. */
@ApplicationScoped
@Typed({DingTalkLoginMethod.class, LoginMethod.class})
public class DingTalkLoginMethod implements LoginMethod {

    @Inject
    DingTalkProvider provider;

    @Inject
    FederatedSignIn flow;

    @Override
    public String name() {
        return DingTalkSettings.USER_SYSTEM;
    }

    @Override
    public boolean claims(HttpMessageContext context) {
        return flow.claims(provider, context);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return flow.validate(provider, context);
    }
}
