package dev.lanyard.security;

import dev.lanyard.config.ServerSettings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie: HttpOnly, SameSite=Lax (a cross-site form post carries no session), and Secure whenever the
 * public base URL is https (behind a TLS proxy).
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

    @Inject
    ServerSettings serverSettings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        cookie.setSecure(serverSettings.publicBaseUrl().startsWith("https://"));
    }
}
