package dev.lanyard.view.login;

import dev.lanyard.security.BrowserCookies;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.usersystem.mobile.MobileCredential;
import dev.lanyard.usersystem.mobile.MobileLoginMethod;
import dev.lanyard.usersystem.mobile.MobileSettings;
import dev.lanyard.usersystem.mobile.MobileSignIn;
import dev.lanyard.usersystem.mobile.MobileSignInException;
import dev.lanyard.domain.DomainService;
import dev.lanyard.view.SafeRedirect;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The mobile-number form of the logon page: number, "send code" with a cool-down, code, sign in. It lives for one
 * request and the logon page is a stateless view, so "send" and "sign in" may reach different nodes: the challenge id
 * travels in the form, and the code is bound to this browser ({@link BrowserCookies#binding}), not to one node's page state.
 */
@Named
@RequestScoped
public class MobileLoginView {

    /** The form field that carries the challenge id of the code sent (not a secret: the code is bound to the browser). */
    static final String CHALLENGE_FIELD = "challenge";

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    MobileSignIn mobile;

    @Inject
    DomainService domains;

    @Inject
    LogonContext logonContext;

    private String region;
    private String phone;
    private String code;
    private String challengeId;
    private String appId;
    private String next;
    private long cooldownUntil;
    private List<String> regions = List.of("86");

    @PostConstruct
    void init() {
        HttpServletRequest request = request();
        next = request.getParameter("next");
        String challenge = request.getParameter(CHALLENGE_FIELD);
        challengeId = challenge == null || challenge.isBlank() || challenge.length() > 64 ? null : challenge;
        appId = logonContext.getAppId();
        if (logonContext.isMobileOffered()) {
            try {
                MobileSettings settings = mobile.settings(domains.domainIdOf(request));
                region = settings.defaultRegion();
                regions = settings.allowedRegions().stream().sorted().toList();
            } catch (MobileSignInException notEnabled) {
                // the page does not show the form
            }
        }
    }

    public void sendCode() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = request();
        try {
            challengeId = mobile.sendCode(new MobileSignIn.Origin(domains.domainIdOf(request), appId, BrowserCookies.requiredBinding(request),
                    clientAddresses.of(request)), phone, region, "login");
            MobileSettings settings = mobile.settings(domains.domainIdOf(request));
            cooldownUntil = Instant.now().plus(settings.sendInterval()).toEpochMilli();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(faces, "mobile.sent"), null));
        } catch (MobileSignInException refused) {
            if (refused.retryAfterSeconds() > 0) {
                cooldownUntil = Instant.now().plusSeconds(refused.retryAfterSeconds()).toEpochMilli();
            }
            fail(faces, refused);
        }
    }

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        MobileCredential credential = new MobileCredential(phone, region, challengeId, code, appId, BrowserCookies.requiredBinding(request));
        code = null;
        SecurityContext securityContext = jakarta.enterprise.inject.spi.CDI.current().select(SecurityContext.class).get();
        AuthenticationStatus status = securityContext.authenticate(request, response,
                AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
        switch (status) {
            case SUCCESS -> external.redirect(request.getContextPath() + SafeRedirect.localPathOr(next, "/"));
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                if (request.getAttribute(MobileLoginMethod.FAILURE_ATTRIBUTE) instanceof MobileSignInException refused) {
                    fail(faces, refused);
                } else {
                    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(faces, "mobile.codeRefused"), null));
                }
            }
        }
    }

    private void fail(FacesContext faces, MobileSignInException refused) {
        String message = MessageFormat.format(text(faces, refused.textKey()), refused.retryAfterSeconds());
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    private static String text(FacesContext faces, String key) {
        ResourceBundle text = faces.getApplication().getResourceBundle(faces, "text");
        return text.getString(key);
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    /** Whole seconds of cool-down left (the page counts it down; the server enforces it anyway). */
    public long getCooldownSeconds() {
        return Math.max(0, (cooldownUntil - System.currentTimeMillis() + 999) / 1000);
    }

    public String getChallengeId() {
        return challengeId;
    }

    public boolean isCodeSent() {
        return challengeId != null;
    }

    public List<String> getRegions() {
        return regions;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getNext() {
        return next;
    }
}
