package dev.lanyard.app;

import java.time.Instant;
import java.util.List;

/** The built-in app of every domain (Lanyard's own web UI), off until an administrator clicks "Allow Access". */
public final class BasicUi {

    public static final String APP_ID = "BasicUI";
    public static final String NAME = "BasicUI";

    private BasicUi() {
    }

    static App newFor(String domainId, Instant now) {
        App app = new App(domainId, APP_ID, NAME, AppType.WEB_BROWSER, now);
        app.markBuiltIn(true);
        app.replaceScopes(List.of("all"));
        app.setStatus(AppStatus.DISABLED, now);
        return app;
    }
}
