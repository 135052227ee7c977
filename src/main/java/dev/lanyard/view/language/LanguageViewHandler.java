package dev.lanyard.view.language;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import java.util.Locale;

/**
 * The language of every page: the one a person picked with the switcher ({@link LanguageServlet}'s cookie), else the
 * best match of the browser's languages among those the pages have (faces-config: en, zh).
 */
public class LanguageViewHandler extends ViewHandlerWrapper {

    public LanguageViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Locale calculateLocale(FacesContext context) {
        Object cookie = context.getExternalContext().getRequestCookieMap().get(Languages.COOKIE);
        if (cookie instanceof jakarta.servlet.http.Cookie picked) {
            Locale chosen = Languages.supported(picked.getValue());
            if (chosen != null) {
                return chosen;
            }
        }
        return super.calculateLocale(context);
    }
}
