package dev.lanyard.view.login;

import dev.lanyard.usersystem.federation.FederationFailure;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The page text for a {@code failed=<system>.<reason>} parameter that a trip to a provider came back with. */
public final class FederationTexts {

    private FederationTexts() {
    }

    /** The text in the page's language, or null unless system and reason are both known (never free text from a URL). */
    public static String describe(String failedParameter) {
        int dot = failedParameter == null ? -1 : failedParameter.indexOf('.');
        FederationFailure failure = dot < 0 ? null : FederationFailure.fromKey(failedParameter.substring(dot + 1));
        if (failure == null) {
            return null;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle text = faces.getApplication().getResourceBundle(faces, "text");
        String systemName = "usersystem." + failedParameter.substring(0, dot);
        if (!text.containsKey(systemName)) {
            return null;
        }
        return MessageFormat.format(text.getString("federation." + failure.key()), text.getString(systemName));
    }
}
