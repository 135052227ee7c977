package dev.lanyard.view.admin;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /admin/manage-domain} {domain}: switches an operator's console to that domain (their own: back home) and
 * opens its overview; 403 for anyone else or an unknown domain. A plain form post naming the domain, not a JSF row
 * action, so the button always means the domain it shows even when the list changed in between. The CSRF filter
 * checks the form's token before this runs; /admin/* admits administrators only.
 */
@WebServlet(ManageDomainServlet.PATH)
public class ManageDomainServlet extends HttpServlet {

    static final String PATH = "/admin/manage-domain";

    @Inject
    AdminConsole console;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String domainId = request.getParameter("domain");
        if (domainId == null || domainId.length() > 64 || !console.manage(domainId)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/admin/");
    }
}
