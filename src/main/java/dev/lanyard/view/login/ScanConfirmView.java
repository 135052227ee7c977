package dev.lanyard.view.login;

import dev.lanyard.usersystem.federation.FederatedSignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the phone shows after it scanned a code (login/scan-confirm.xhtml, reached only by the callback's forward):
 * who is signing in on which computer, three numbers of which the person must pick the one the computer shows, and
 * a cancel button. Opened any other way it shows nothing to confirm.
 */
@Named
@RequestScoped
public class ScanConfirmView {

    @Inject
    HttpServletRequest request;

    private FederatedSignIn.Outcome.ScanIdentified scan() {
        return request.getAttribute(FederatedSignIn.OUTCOME) instanceof FederatedSignIn.Outcome.ScanIdentified s ? s : null;
    }

    public boolean isPending() {
        return scan() != null;
    }

    public String getSystem() {
        return scan() == null ? null : scan().userSystem();
    }

    public String getState() {
        return scan() == null ? null : scan().state();
    }

    public String getConfirmToken() {
        return scan() == null ? null : scan().confirmToken();
    }

    public String getUserName() {
        return scan() == null ? null : scan().userName();
    }

    /** The address of the computer that shows the code (the client address, behind trusted proxies too). */
    public String getComputerAddress() {
        return scan() == null ? null : scan().computerAddress();
    }

    /** The computer's number among two others: the phone must pick the one the computer shows. */
    public java.util.List<String> getChoices() {
        return scan() == null ? java.util.List.of() : scan().choices();
    }
}
