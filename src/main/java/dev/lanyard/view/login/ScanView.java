package dev.lanyard.view.login;

import dev.lanyard.usersystem.federation.FederatedProvider;
import dev.lanyard.usersystem.federation.FederatedSignIn;
import dev.lanyard.usersystem.federation.FederationException;
import dev.lanyard.usersystem.federation.ProviderLogin;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The page that shows a code to scan with a provider's phone app (login/scan.xhtml): each view starts a fresh,
 * short-lived trip bound to this browser; the page's script asks for its status and, once the phone confirmed,
 * posts the finish form, which signs this browser in.
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
    private String failure;

    /** The page's view action: start the trip and draw its code, or send the browser back to the logon page. */
    public void load() throws IOException {
        next = SafeRedirect.localPathOr(request.getParameter("next"), null);
        String requested = request.getParameter("system");
        Optional<FederatedProvider<?>> provider = providers.stream().filter(p -> p.userSystem().equals(requested)).findFirst();
        if (provider.isEmpty()) {
            redirect("/login.xhtml");
            return;
        }
        system = requested;
        try {
            codeImage = QrCodes.svgDataUri(flow.start(provider.get(), request, ProviderLogin.Purpose.QR, next).toString());
        } catch (FederationException refused) {
            redirect("/login.xhtml?failed=" + system + "." + refused.failure().key()
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        }
    }

    private void redirect(String path) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().redirect(request.getContextPath() + path);
        faces.responseComplete();
    }

    public String getSystem() {
        return system;
    }

    /** The code as an SVG data URI. */
    public String getCodeImage() {
        return codeImage;
    }

    public String getFailure() {
        return failure;
    }

    /** Sign in on this device instead (the provider's own page). */
    public String getThisDevicePath() {
        return "/login/" + system + "/start?next=" + (next == null ? "" : URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
}
