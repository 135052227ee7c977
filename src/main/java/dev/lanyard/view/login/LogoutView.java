package dev.lanyard.view.login;

import dev.lanyard.security.BrowserSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Signs out: clears the caller, ends the session, returns to the logon page. */
@Named
@RequestScoped
public class LogoutView {

    @Inject
    FacesContext facesContext;

    @Inject
    BrowserSessions browserSessions;

    /** Ends the browser's session in the database (on every node at once), then this node's HTTP session. */
    public void logout() throws ServletException, IOException {
        ExternalContext external = facesContext.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        browserSessions.end(request, (HttpServletResponse) external.getResponse());
        request.logout();
        external.invalidateSession();
        external.redirect(request.getContextPath() + "/");
    }
}
