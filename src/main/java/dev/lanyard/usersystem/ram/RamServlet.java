package dev.lanyard.usersystem.ram;

import dev.lanyard.usersystem.federation.FederatedLoginServlet;
import dev.lanyard.usersystem.federation.FederatedProvider;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** RAM sign-in URLs: /login/ram/start and /login/ram/callback (register it as the OAuth application's redirect URI). */
@WebServlet("/login/ram/*")
public class RamServlet extends FederatedLoginServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    RamProvider provider;

    @Override
    protected FederatedProvider<?> provider() {
        return provider;
    }
}
