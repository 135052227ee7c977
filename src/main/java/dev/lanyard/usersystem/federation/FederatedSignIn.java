package dev.lanyard.usersystem.federation;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.security.RateLimiter;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.security.SessionLogin;
import dev.lanyard.security.SignIn;
import dev.lanyard.token.Issuers;
import dev.lanyard.token.OpaqueSecrets;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared flow of every redirect-based user system: leave for the provider with a fresh state and nonce, take the
 * callback (the state must be unused, unexpired, this domain's and system's, and come back to the browser that left;
 * a link must come back for the same signed-in user), let the provider turn the code into a person within the
 * deadline, and sign them in, link them, or hold them for the computer that showed a code to scan. What happened is
 * left in the request attribute {@value #OUTCOME} for the servlet to answer with.
 */
@ApplicationScoped
public class FederatedSignIn {

    public static final String OUTCOME = "dev.lanyard.federation.outcome";
    private static final Logger LOG = Logger.getLogger(FederatedSignIn.class.getName());
    private static final int MAX_CODE_LENGTH = 1024;

    /** How a callback or a scan ended, for the servlet's answer. */
    public sealed interface Outcome {
        /** Signed in: continue to {@code next}. */
        record SignedIn(String next) implements Outcome {
        }

        /** The identity now belongs to the signed-in user. */
        record Linked(String next) implements Outcome {
        }

        /** A phone scanned the code: it must confirm, with this token, the sign-in of the computer described here. */
        record ScanIdentified(String userSystem, String state, String confirmToken, String userName, String computerIp,
                              String computerBrowser) implements Outcome {
        }

        /** Refused; {@code linking} when a signed-in user was adding an identity (they go back to their page). */
        record Failed(FederationFailure failure, String next, boolean linking) implements Outcome {
        }
    }

    @Inject
    ProviderLogins trips;

    @Inject
    FederatedAccounts accounts;

    @Inject
    DomainService domains;

    @Inject
    UserService users;

    @Inject
    SecretCipher cipher;

    @Inject
    SignIn signIn;

    @Inject
    AuditLog audit;

    @Inject
    Issuers issuers;

    @Resource
    ManagedExecutorService executor;

    /** The domain's settings of the provider's user system, when it is enabled there and its settings are usable. */
    public <S extends FederatedSettings> S settings(FederatedProvider<S> provider, String domainId) {
        String system = provider.userSystem();
        UserSystemConfig config = domains.userSystems(domainId).stream()
                .filter(c -> c.getUserSystem().equals(system) && c.isEnabled()).findFirst()
                .orElseThrow(() -> new FederationException(FederationFailure.NOT_ENABLED, system + " is not enabled in " + domainId));
        try {
            return provider.parseSettings(UserSystemSecrets.open(cipher, domainId, system, config.getSettings()));
        } catch (IllegalArgumentException unusable) {
            LOG.warning(() -> "The " + system + " settings of domain " + domainId + " are not usable: " + unusable.getMessage());
            throw new FederationException(FederationFailure.NOT_ENABLED, "unusable settings");
        }
    }

    /** The URL the provider sends the browser back to; it must be registered with the provider. */
    public URI redirectUri(String domainId, String userSystem) {
        return URI.create(issuers.issuerOf(domainId) + "/login/" + userSystem + "/callback");
    }

    /**
     * Records a trip and returns the provider's page to send the browser to. {@code next} is a local path already
     * checked by the caller. A link needs a signed-in user; a scan is remembered in the session for its status checks.
     */
    public <S extends FederatedSettings> URI start(FederatedProvider<S> provider, HttpServletRequest request,
                                                   ProviderLogin.Purpose purpose, String next) {
        String domainId = domains.domainIdOf(request);
        String system = provider.userSystem();
        S settings = settings(provider, domainId);
        String linkUserId = null;
        if (purpose == ProviderLogin.Purpose.LINK) {
            linkUserId = signedInUserId(request, domainId)
                    .orElseThrow(() -> new FederationException(FederationFailure.STATE_FOREIGN, "link without a signed-in user"));
        }
        Duration lifetime = purpose == ProviderLogin.Purpose.QR ? settings.qrLifetime() : settings.tripLifetime();
        ProviderLogins.Started trip;
        try {
            trip = trips.begin(domainId, system, purpose, BrowserBinding.of(request), next, linkUserId,
                    request.getRemoteAddr(), request.getHeader("User-Agent"), lifetime, settings.startsPerIpPerHour());
        } catch (RateLimiter.RateLimitExceeded limited) {
            audit.record(new AuditLog.Entry(domainId, "login.limited", null, null, system, request.getRemoteAddr(), "too-many"));
            throw new FederationException(FederationFailure.TOO_MANY, "trip limit of this address reached");
        }
        if (purpose == ProviderLogin.Purpose.QR) {
            BrowserBinding.rememberScan(request, system, trip.state());
        }
        return provider.authorizeUri(settings, trip.state(), trip.nonce(), redirectUri(domainId, system));
    }

    /** Whether a credential is one of this provider's (a callback or a scan to finish). */
    public boolean claims(FederatedProvider<?> provider, HttpMessageContext context) {
        Object credential = context.getAuthParameters().getCredential();
        return credential instanceof ProviderCallback c && c.userSystem().equals(provider.userSystem())
                || credential instanceof ScanFinish f && f.userSystem().equals(provider.userSystem());
    }

    /** The body of a provider's LoginMethod. */
    public <S extends FederatedSettings> AuthenticationStatus validate(FederatedProvider<S> provider, HttpMessageContext context) {
        Object credential = context.getAuthParameters().getCredential();
        return credential instanceof ScanFinish finish
                ? finishScan(provider, context, finish)
                : callback(provider, context, (ProviderCallback) credential);
    }

    private <S extends FederatedSettings> AuthenticationStatus callback(FederatedProvider<S> provider, HttpMessageContext context,
                                                                        ProviderCallback callback) {
        HttpServletRequest request = context.getRequest();
        String domainId = domains.domainIdOf(request);
        String system = provider.userSystem();
        Optional<ProviderLogin> claimed = trips.claim(domainId, system, callback.state());
        if (claimed.isEmpty()) {
            return refuse(context, domainId, system, FederationFailure.STATE_INVALID, null, false,
                    callback.state() == null ? "callback without state" : "state unknown, used or expired");
        }
        ProviderLogin trip = claimed.get();
        try {
            boolean sameBrowser = trip.getBrowserBinding().equals(BrowserBinding.existing(request).orElse(null));
            if (trip.getPurpose() != ProviderLogin.Purpose.QR && !sameBrowser) {
                throw new FederationException(FederationFailure.STATE_FOREIGN, "callback in another browser than the one that left");
            }
            if (trip.getPurpose() == ProviderLogin.Purpose.LINK
                    && !trip.getLinkUserId().equals(signedInUserId(request, domainId).orElse(null))) {
                throw new FederationException(FederationFailure.STATE_FOREIGN, "link callback for another signed-in user");
            }
            if (callback.error() != null) {
                throw new FederationException(FederationFailure.DENIED, "the provider answered error=" + printable(callback.error()));
            }
            if (callback.code() == null || callback.code().isBlank() || callback.code().length() > MAX_CODE_LENGTH) {
                throw new FederationException(FederationFailure.PROVIDER_ERROR, "callback without a usable code");
            }
            S settings = settings(provider, domainId);
            ExternalIdentity identity = identifyInTime(provider, settings, callback.code(),
                    redirectUri(domainId, system), trip.getNonce());
            return switch (trip.getPurpose()) {
                case LOGIN -> {
                    FederatedAccounts.Resolved resolved = resolve(domainId, system, identity, settings.autoCreate());
                    record(domainId, resolved.registered() ? "user.registered" : null, resolved.user(), system, request);
                    record(domainId, "login.success", resolved.user(), system, request);
                    request.setAttribute(OUTCOME, new Outcome.SignedIn(trip.getNextPath()));
                    yield signIn.complete(context, principal(resolved.user()), system);
                }
                case LINK -> {
                    accounts.link(domainId, system, identity, trip.getLinkUserId());
                    audit.record(new AuditLog.Entry(domainId, "identity.linked", trip.getLinkUserId(), null, system,
                            request.getRemoteAddr(), null));
                    request.setAttribute(OUTCOME, new Outcome.Linked(trip.getNextPath()));
                    yield context.doNothing();
                }
                case QR -> {
                    FederatedAccounts.Resolved resolved = resolve(domainId, system, identity, settings.autoCreate());
                    record(domainId, resolved.registered() ? "user.registered" : null, resolved.user(), system, request);
                    String confirmToken = OpaqueSecrets.newSecret();
                    trips.identified(trip.getStateHash(), resolved.user().getUserId(), confirmToken);
                    request.setAttribute(OUTCOME, new Outcome.ScanIdentified(system, callback.state(), confirmToken,
                            resolved.user().displayName(), trip.getClientIp(), trip.getUserAgent()));
                    yield context.doNothing();
                }
            };
        } catch (FederationException refused) {
            trips.fail(trip.getStateHash());
            return refuse(context, domainId, system, refused.failure(), trip.getNextPath(),
                    trip.getPurpose() == ProviderLogin.Purpose.LINK, refused.getMessage());
        }
    }

    /** The phone confirms the sign-in of the computer whose code it scanned. */
    public boolean confirmScan(FederatedProvider<?> provider, HttpServletRequest request, String state, String confirmToken) {
        String domainId = domains.domainIdOf(request);
        boolean confirmed = trips.confirm(domainId, provider.userSystem(), state, confirmToken);
        if (!confirmed) {
            LOG.info(() -> "Refused a " + provider.userSystem() + " scan confirmation in " + domainId + ": unknown, used or expired");
        }
        return confirmed;
    }

    /** The phone refuses the sign-in of the computer whose code it scanned: nobody is signed in. */
    public void cancelScan(FederatedProvider<?> provider, HttpServletRequest request, String state, String confirmToken) {
        String domainId = domains.domainIdOf(request);
        if (trips.cancel(domainId, provider.userSystem(), state, confirmToken)) {
            audit.record(new AuditLog.Entry(domainId, "login.failure", null, null, provider.userSystem(), request.getRemoteAddr(),
                    "scan-cancelled"));
        }
    }

    /** Where the scan this browser shows stands: waiting, confirmed (finish it), or over. */
    public Optional<ProviderLogin.Status> scanStatus(FederatedProvider<?> provider, HttpServletRequest request) {
        String domainId = domains.domainIdOf(request);
        return BrowserBinding.pendingScan(request, provider.userSystem())
                .flatMap(state -> trips.find(domainId, provider.userSystem(), state))
                .filter(trip -> trip.getBrowserBinding().equals(BrowserBinding.existing(request).orElse(null)))
                .map(trip -> trip.getStatus() != ProviderLogin.Status.FINISHED && trip.getExpiresAt().isBefore(java.time.Instant.now())
                        ? ProviderLogin.Status.FAILED : trip.getStatus());
    }

    /** The state of the scan this browser shows, for its finish request. */
    public Optional<String> pendingScan(FederatedProvider<?> provider, HttpServletRequest request) {
        return BrowserBinding.pendingScan(request, provider.userSystem());
    }

    private AuthenticationStatus finishScan(FederatedProvider<?> provider, HttpMessageContext context, ScanFinish finish) {
        HttpServletRequest request = context.getRequest();
        String domainId = domains.domainIdOf(request);
        String system = provider.userSystem();
        Optional<String> binding = BrowserBinding.existing(request);
        Optional<ProviderLogin> finished = binding.flatMap(b -> trips.finish(domainId, system, finish.state(), b));
        if (finished.isEmpty()) {
            return refuse(context, domainId, system, FederationFailure.STATE_INVALID, null, false,
                    "scan not confirmed, finished or of this browser");
        }
        Optional<User> user = users.find(domainId, finished.get().getResultUserId()).filter(User::canSignIn);
        if (user.isEmpty()) {
            return refuse(context, domainId, system, FederationFailure.USER_DISABLED, finished.get().getNextPath(), false,
                    "user cannot sign in");
        }
        record(domainId, "login.success", user.get(), system, request);
        request.setAttribute(OUTCOME, new Outcome.SignedIn(finished.get().getNextPath()));
        return signIn.complete(context, principal(user.get()), system);
    }

    /** The provider's exchange, cut off at the settings' timeout however the provider behaves. */
    private <S extends FederatedSettings> ExternalIdentity identifyInTime(FederatedProvider<S> provider, S settings, String code,
                                                                          URI redirectUri, String nonce) {
        Future<ExternalIdentity> call = executor.submit(() -> provider.identify(settings, code, redirectUri, nonce));
        try {
            return call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            call.cancel(true);
            throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "no answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "interrupted");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof FederationException refused) {
                throw refused;
            }
            if (cause instanceof ProcessingException) {
                throw new FederationException(FederationFailure.PROVIDER_UNAVAILABLE, "cannot reach the provider: " + cause.getMessage(), cause);
            }
            throw new FederationException(FederationFailure.PROVIDER_ERROR, "unexpected answer: " + cause, cause);
        }
    }

    private FederatedAccounts.Resolved resolve(String domainId, String system, ExternalIdentity identity, boolean autoCreate) {
        try {
            return accounts.signIn(domainId, system, identity, autoCreate);
        } catch (FederationException refused) {
            throw refused;
        } catch (RuntimeException raced) {
            // a first sign-in of the same identity at the same moment created it: now it is found
            LOG.log(Level.FINE, "retrying a first sign-in that raced another", raced);
            return accounts.signIn(domainId, system, identity, autoCreate);
        }
    }

    private AuthenticationStatus refuse(HttpMessageContext context, String domainId, String system, FederationFailure failure,
                                        String next, boolean linking, String detail) {
        HttpServletRequest request = context.getRequest();
        LOG.info(() -> "Refused a " + system + " sign-in in " + domainId + " (" + failure.key() + "): " + detail);
        audit.record(new AuditLog.Entry(domainId, "login.failure", null, null, system, request.getRemoteAddr(), failure.key()));
        request.setAttribute(OUTCOME, new Outcome.Failed(failure, next, linking));
        return AuthenticationStatus.SEND_FAILURE;
    }

    private void record(String domainId, String eventType, User user, String system, HttpServletRequest request) {
        if (eventType != null) {
            audit.record(new AuditLog.Entry(domainId, eventType, user.getUserId(), null, system, request.getRemoteAddr(), null));
        }
    }

    private static LanyardPrincipal principal(User user) {
        return new LanyardPrincipal(user.getDomainId(), user.getUserId(), user.displayName(), user.getRole());
    }

    private static Optional<String> signedInUserId(HttpServletRequest request, String domainId) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login
                && login.domainId().equals(domainId) ? Optional.of(login.userId()) : Optional.empty();
    }

    /** A provider's error value for the log: short and printable. */
    private static String printable(String value) {
        String clipped = value.length() > 64 ? value.substring(0, 64) : value;
        return clipped.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
