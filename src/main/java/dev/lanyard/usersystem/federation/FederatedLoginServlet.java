package dev.lanyard.usersystem.federation;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.view.SafeRedirect;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The URLs of one redirect-based user system, under {@code /login/<system>/}: {@code start} (a form post: leave for
 * the provider), {@code callback} (come back), and for scanning with a phone {@code scan-start}, {@code scan-status}
 * and {@code scan-finish} (the computer) and {@code scan-confirm} (the phone). Every URL that starts or moves a trip
 * takes only a POST with the browser's CSRF token (the CSRF filter checks it), so no other site can start trips, use up
 * a client's trip limit or link an account in someone's name. Each provider package maps a subclass to its path.
 */
public abstract class FederatedLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The page a phone sees after it scanned a code: it confirms there that the computer may sign in. */
    public static final String SCAN_CONFIRM_PAGE = "/login/scan-confirm.xhtml";
    public static final String SCAN_DONE_PAGE = "/login/scan-done.xhtml";
    /** The page of the computer that shows a code to scan. */
    public static final String SCAN_PAGE = "/login/scan.xhtml";
    /** Where a signed-in user links and unlinks sign-in methods. */
    public static final String ACCOUNT_PAGE = "/account/";

    @Inject
    FederatedSignIn flow;

    @Inject
    SecurityContext securityContext;

    /** The provider this servlet serves. */
    protected abstract FederatedProvider<?> provider();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        switch (action(request)) {
            case "callback" -> callback(request, response);
            case "scan-status" -> scanStatus(request, response);
            case "start", "scan-start", "scan-confirm", "scan-finish" -> {
                response.setHeader("Allow", "POST");
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        switch (action(request)) {
            case "start" -> start(request, response);
            case "scan-start" -> scanStart(request, response);
            case "scan-confirm" -> scanConfirm(request, response);
            case "scan-finish" -> scanFinish(request, response);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = SafeRedirect.localPathOr(request.getParameter("next"), null);
        ProviderLogin.Purpose purpose = "1".equals(request.getParameter("link")) ? ProviderLogin.Purpose.LINK : ProviderLogin.Purpose.LOGIN;
        try {
            URI provider = flow.start(provider(), request, purpose, next);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER); // after a form post: the browser GETs the provider's page
            response.setHeader("Location", provider.toString());
        } catch (FederationException refused) {
            sendBack(request, response, refused.failure(), next, purpose == ProviderLogin.Purpose.LINK);
        }
    }

    /** A code to scan for this browser; the scan page shows it. */
    private void scanStart(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = SafeRedirect.localPathOr(request.getParameter("next"), null);
        try {
            flow.startScan(provider(), request, next);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + SCAN_PAGE + "?system=" + provider().userSystem()
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        } catch (FederationException refused) {
            sendBack(request, response, refused.failure(), next, false);
        }
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        ProviderCallback callback = new ProviderCallback(provider().userSystem(), request.getParameter("state"),
                request.getParameter(provider().codeParameter()), request.getParameter("error"));
        authenticate(request, response, callback);
        switch (request.getAttribute(FederatedSignIn.OUTCOME)) {
            case FederatedSignIn.Outcome.SignedIn signedIn -> continueTo(request, response, signedIn.next(), "/");
            case FederatedSignIn.Outcome.Linked linked -> continueTo(request, response, linked.next(), ACCOUNT_PAGE);
            case FederatedSignIn.Outcome.ScanIdentified ignored ->
                    request.getRequestDispatcher(SCAN_CONFIRM_PAGE).forward(request, response);
            case FederatedSignIn.Outcome.Failed failed -> sendBack(request, response, failed.failure(), failed.next(), failed.linking());
            case null, default -> sendBack(request, response, FederationFailure.STATE_INVALID, null, false);
        }
    }

    private void scanStatus(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String status = flow.scanStatus(provider(), request).map(s -> switch (s) {
            case STARTED, USED, IDENTIFIED -> "waiting";
            case CONFIRMED -> "confirmed";
            case FINISHED -> "finished";
            case FAILED -> "failed";
        }).orElse("failed");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.createObjectBuilder().add("status", status).build().toString());
    }

    private void scanConfirm(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String state = request.getParameter("state");
        String token = request.getParameter("confirm");
        boolean confirmed = false;
        if (request.getParameter("cancel") != null) {
            flow.cancelScan(provider(), request, state, token);
        } else {
            confirmed = flow.confirmScan(provider(), request, state, token, request.getParameter("match"));
        }
        response.sendRedirect(request.getContextPath() + SCAN_DONE_PAGE + "?confirmed=" + confirmed);
    }

    private void scanFinish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String state = flow.pendingScan(provider(), request).map(FederatedSignIn.PendingScan::state).orElse(null);
        authenticate(request, response, new ScanFinish(provider().userSystem(), state));
        if (request.getAttribute(FederatedSignIn.OUTCOME) instanceof FederatedSignIn.Outcome.SignedIn signedIn) {
            continueTo(request, response, signedIn.next(), "/");
        } else if (request.getAttribute(FederatedSignIn.OUTCOME) instanceof FederatedSignIn.Outcome.Failed failed) {
            sendBack(request, response, failed.failure(), failed.next(), false);
        } else {
            sendBack(request, response, FederationFailure.STATE_INVALID, null, false);
        }
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, Credential credential) {
        securityContext.authenticate(request, response, AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
    }

    private static void continueTo(HttpServletRequest request, HttpServletResponse response, String next, String fallback)
            throws IOException {
        response.sendRedirect(request.getContextPath() + SafeRedirect.localPathOr(next, fallback));
    }

    /**
     * Back to the logon page (or, when a signed-in user was linking, to their page), which shows what went wrong: the
     * reason's text, never the provider's words.
     */
    private void sendBack(HttpServletRequest request, HttpServletResponse response, FederationFailure failure, String next,
                          boolean linking) throws IOException {
        String failed = "failed=" + provider().userSystem() + "." + failure.key();
        if (linking) {
            String page = SafeRedirect.localPathOr(next, ACCOUNT_PAGE);
            response.sendRedirect(request.getContextPath() + page + (page.contains("?") ? "&" : "?") + failed);
            return;
        }
        StringBuilder location = new StringBuilder(request.getContextPath()).append("/login.xhtml?").append(failed);
        if (next != null) {
            location.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        response.sendRedirect(location.toString());
    }

    private static String action(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path.substring(1).toLowerCase(Locale.ROOT);
    }
}
