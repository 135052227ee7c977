package dev.lanyard.usersystem.dingtalk;

import dev.lanyard.usersystem.federation.FederatedLoginServlet;
import dev.lanyard.usersystem.federation.FederatedProvider;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** DingTalk's URLs: /login/dingtalk/start, /login/dingtalk/callback (register it with the DingTalk app), and the scan URLs. */
@WebServlet("/login/dingtalk/*")
public class DingTalkServlet extends FederatedLoginServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    DingTalkProvider provider;

    @Override
    protected FederatedProvider<?> provider() {
        return provider;
    }
}
