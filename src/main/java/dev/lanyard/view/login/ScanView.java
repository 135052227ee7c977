package dev.lanyard.view.login;

import dev.lanyard.usersystem.federation.FederatedProvider;
import dev.lanyard.usersystem.federation.FederatedSignIn;
import dev.lanyard.view.QrCodes;
import dev.lanyard.view.SafeRedirect;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * The page that shows a code to scan with a provider's phone app (login/scan.xhtml): the code of the scan this
 * browser started (a form post, {@code /login/<system>/scan-start}) and the number the phone must pick. Without a
 * waiting scan the page posts that form by itself for a fresh one. Its script asks for the scan's status and, once
 * the phone confirmed, posts the finish form, which signs this browser in.
 */
@Named
@RequestScoped
public class ScanView {

    @Inject
    HttpServletRequest request;

    @Inject
    FederatedSignIn flow;

    @Inject
    @Any
    Instance<FederatedProvider<?>> providers;

    private String system;
    private String next;
    private String codeImage;
    private String matchCode;

    /** The page's view action: find this browser's waiting scan, or send the browser back to the logon page. */
    public void load() throws IOException {
        next = SafeRedirect.localPathOr(request.getParameter("next"), null);
        String requested = request.getParameter("system");
        Optional<FederatedProvider<?>> provider = providers.stream()
                .filter(p -> p.userSystem().equals(requested) && p.supportsScan()).findFirst();
        if (provider.isEmpty()) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().redirect(request.getContextPath() + "/login.xhtml");
            faces.responseComplete();
            return;
        }
        system = requested;
        flow.waitingScan(provider.get(), request).ifPresent(s -> {
            codeImage = QrCodes.svgDataUri(s.authorizeUrl());
            matchCode = s.matchCode();
        });
    }

    public String getSystem() {
        return system;
    }

    public String getNext() {
        return next;
    }

    /** The code as an SVG data URI, or null when the page must ask for a new scan. */
    public String getCodeImage() {
        return codeImage;
    }

    /** The number the phone must pick. */
    public String getMatchCode() {
        return matchCode;
    }
}
