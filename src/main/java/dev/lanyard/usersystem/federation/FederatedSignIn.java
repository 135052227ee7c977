package dev.lanyard.usersystem.federation;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.domain.DomainService;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.security.RateLimiter;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.security.BrowserCookies;
import dev.lanyard.security.BrowserSessions;
import dev.lanyard.security.SessionLogin;
import dev.lanyard.security.SignIn;
import dev.lanyard.token.Issuers;
import dev.lanyard.token.OpaqueSecrets;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared flow of every redirect-based user system: leave for the provider with a fresh state, take the callback
 * (the state must be unused, unexpired, this domain's and system's, and come back to the browser that left; a link
 * must come back for the same signed-in user), let the provider turn the code into a person within the deadline, and
 * sign them in, link them, or hold them for the computer that showed a code to scan. What happened is left in the
 * request attribute {@value #OUTCOME} for the servlet to answer with.
 */
@ApplicationScoped
public class FederatedSignIn {

    public static final String OUTCOME = "dev.lanyard.federation.outcome";
    private static final Logger LOG = Logger.getLogger(FederatedSignIn.class.getName());
    private static final int MAX_CODE_LENGTH = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UNIQUE_VIOLATION = "23505";

    /** How a callback or a scan ended, for the servlet's answer. */
    public sealed interface Outcome {
        /** Signed in: continue to {@code next}. */
        record SignedIn(String next) implements Outcome {
        }

        /** The identity now belongs to the signed-in user. */
        record Linked(String next) implements Outcome {
        }

        /**
         * A phone scanned a code: it must confirm, with this token and by picking the number the computer shows
         * (one of {@code choices}), the sign-in of the computer at {@code computerAddress}.
         */
        record ScanIdentified(String userSystem, String state, String confirmToken, String userName, String computerAddress,
                              List<String> choices) implements Outcome {
        }

        /** Refused; {@code linking} when a signed-in user was adding an identity (they go back to their page). */
        record Failed(FederationFailure failure, String next, boolean linking) implements Outcome {
        }
    }

    @Inject
    BrowserSessions browserSessions;

    @Inject
    ProviderLogins trips;

    @Inject
    FederatedAccounts accounts;

    @Inject
    FederationExchanges exchanges;

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

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Clock clock;

    /** The domain's settings of the provider's user system, when it is enabled there and its settings are usable. */
    public <S extends FederatedSettings> S settings(FederatedProvider<S> provider, String domainId) {
        String system = provider.userSystem();
        jakarta.json.JsonObject opened = domains.openedSettings(domainId, system, true)
                .orElseThrow(() -> new FederationException(FederationFailure.NOT_ENABLED, system + " is not enabled in " + domainId));
        try {
            return provider.parseSettings(opened);
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
     * Records a trip to sign in or, for the signed-in user, to link an identity, and returns the provider's page to
     * send the browser to. Called only for a form post with this browser's CSRF token: another site cannot start trips
     * in someone's name. {@code next} is a local path already checked by the caller.
     */
    public URI start(FederatedProvider<?> provider, HttpServletRequest request, ProviderLogin.Purpose purpose, String next) {
        return begin(provider, request, purpose, next).authorizeUri();
    }

    /**
     * Starts a code for scanning with the provider's phone app, shown by this browser: the code is the provider's
     * sign-in URL of a short trip, with a number the phone must pick before this browser is signed in.
     */
    public PendingScan startScan(FederatedProvider<?> provider, HttpServletRequest request, String next) {
        if (!provider.supportsScan()) {
            throw new FederationException(FederationFailure.NOT_ENABLED, provider.userSystem() + " has no phone app to scan with");
        }
        Begun begun = begin(provider, request, ProviderLogin.Purpose.QR, next);
        PendingScan scan = new PendingScan(begun.state(), begun.authorizeUri().toString(), begun.matchCode());
        // kept with the trip, sealed: the page that shows and polls the code may be served by any node
        String json = JSON.createObjectBuilder().add("state", scan.state())
                .add("url", scan.authorizeUrl()).add("match", scan.matchCode()).build().toString();
        trips.rememberScan(scan.state(), cipher.encrypt(scanPurpose(OpaqueSecrets.sha256Hex(scan.state())),
                json.getBytes(StandardCharsets.UTF_8)));
        return scan;
    }

    private record Begun(String state, URI authorizeUri, String matchCode) {
    }

    /** A code a browser shows for scanning with a phone: its trip's state, the URL in the code and the number to pick. */
    public record PendingScan(String state, String authorizeUrl, String matchCode) {
    }

    /** A scan that still waits for the phone (before it confirms). */
    private static final Set<ProviderLogin.Status> WAITING =
            EnumSet.of(ProviderLogin.Status.STARTED, ProviderLogin.Status.USED, ProviderLogin.Status.IDENTIFIED);

    private <S extends FederatedSettings> Begun begin(FederatedProvider<S> provider, HttpServletRequest request,
                                                      ProviderLogin.Purpose purpose, String next) {
        String domainId = domains.domainIdOf(request);
        String system = provider.userSystem();
        S settings = settings(provider, domainId);
        String linkUserId = null;
        if (purpose == ProviderLogin.Purpose.LINK) {
            linkUserId = signedInUserId(request, domainId)
                    .orElseThrow(() -> new FederationException(FederationFailure.STATE_FOREIGN, "link without a signed-in user"));
        }
        String matchCode = purpose == ProviderLogin.Purpose.QR ? String.valueOf(10 + RANDOM.nextInt(90)) : null;
        String client = clientAddresses.of(request);
        ProviderLogins.Started trip;
        try {
            trip = trips.begin(domainId, system, purpose, BrowserCookies.requiredBinding(request), next, linkUserId, matchCode, client,
                    purpose == ProviderLogin.Purpose.QR ? settings.qrLifetime() : settings.tripLifetime(), settings.startsPerIpPerHour());
        } catch (RateLimiter.RateLimitExceeded limited) {
            audit.record(new AuditLog.Entry(domainId, "login.limited", null, null, system, client, "too-many"));
            throw new FederationException(FederationFailure.TOO_MANY, "trip limit of this address reached");
        }
        return new Begun(trip.state(), provider.authorizeUri(settings, trip.state(), trip.tripSecret(), redirectUri(domainId, system)),
                matchCode);
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
        boolean linking = trip.getPurpose() == ProviderLogin.Purpose.LINK;
        try {
            boolean sameBrowser = trip.getBrowserBinding().equals(BrowserCookies.binding(request).orElse(null));
            if (trip.getPurpose() != ProviderLogin.Purpose.QR && !sameBrowser) {
                throw new FederationException(FederationFailure.STATE_FOREIGN, "callback in another browser than the one that left");
            }
            if (linking && !trip.getLinkUserId().equals(signedInUserId(request, domainId).orElse(null))) {
                throw new FederationException(FederationFailure.STATE_FOREIGN, "link callback for another signed-in user");
            }
            if (callback.error() != null) {
                throw new FederationException(FederationFailure.DENIED, "the provider answered error=" + printable(callback.error()));
            }
            if (callback.code() == null || callback.code().isBlank() || callback.code().length() > MAX_CODE_LENGTH) {
                throw new FederationException(FederationFailure.PROVIDER_ERROR, "callback without a usable code");
            }
            S settings = settings(provider, domainId);
            URI redirectUri = redirectUri(domainId, system);
            ExternalIdentity identity = exchanges.call(() -> provider.identify(settings, callback.code(), redirectUri, trip.getTripSecret()),
                    settings.timeout().toMillis());
            return switch (trip.getPurpose()) {
                case LOGIN -> {
                    FederatedAccounts.Resolved resolved = resolve(domainId, system, identity, settings.autoCreate());
                    record(domainId, resolved, system, request);
                    request.setAttribute(OUTCOME, new Outcome.SignedIn(trip.getNextPath()));
                    yield signIn.complete(context, principal(resolved.user()), system);
                }
                case LINK -> {
                    accounts.link(domainId, system, identity, trip.getLinkUserId());
                    audit.record(new AuditLog.Entry(domainId, "identity.linked", trip.getLinkUserId(), null, system,
                            clientAddresses.of(request), null));
                    request.setAttribute(OUTCOME, new Outcome.Linked(trip.getNextPath()));
                    yield context.doNothing();
                }
                case QR -> scanned(context, domainId, system, trip, callback.state(), identity, settings.autoCreate());
            };
        } catch (FederationException refused) {
            trips.fail(trip.getStateHash());
            return refuse(context, domainId, system, refused.failure(), trip.getNextPath(), linking, refused.getMessage());
        } catch (RuntimeException broken) {
            LOG.log(Level.WARNING, "A " + system + " callback in " + domainId + " failed", broken);
            failQuietly(trip.getStateHash());
            return refuse(context, domainId, system, FederationFailure.SERVER_ERROR, trip.getNextPath(), linking, broken.toString());
        }
    }

    /**
     * The phone's callback of a scan: the identity is held on the trip (a new user is only created once the phone
     * confirms), and the phone is asked to confirm by picking the computer's number.
     */
    private AuthenticationStatus scanned(HttpMessageContext context, String domainId, String system, ProviderLogin trip,
                                         String state, ExternalIdentity identity, boolean autoCreate) {
        Optional<User> known = accounts.userOf(domainId, system, identity.key());
        if (known.isEmpty() && !autoCreate) {
            throw new FederationException(FederationFailure.NOT_LINKED, "no user has this " + system + " identity");
        }
        if (known.isPresent() && !known.get().canSignIn()) {
            throw new FederationException(FederationFailure.USER_DISABLED, "user " + known.get().getUserId() + " is disabled");
        }
        String confirmToken = OpaqueSecrets.newSecret();
        if (!trips.identified(trip.getStateHash(), known.map(User::getUserId).orElse(null),
                known.isPresent() ? null : identity.toJson(), confirmToken)) {
            throw new FederationException(FederationFailure.STATE_INVALID, "the code expired while the phone signed in");
        }
        String name = known.map(User::displayName).orElse(identity.displayName() == null ? "" : identity.displayName());
        context.getRequest().setAttribute(OUTCOME, new Outcome.ScanIdentified(system, state, confirmToken, name, trip.getClientIp(),
                choices(trip.getMatchCode())));
        return context.doNothing();
    }

    /** The computer's number among two others, in random order. */
    private static List<String> choices(String matchCode) {
        List<String> choices = new ArrayList<>(List.of(matchCode));
        while (choices.size() < 3) {
            String other = String.valueOf(10 + RANDOM.nextInt(90));
            if (!choices.contains(other)) {
                choices.add(other);
            }
        }
        Collections.shuffle(choices, RANDOM);
        return List.copyOf(choices);
    }

    /**
     * The phone confirms the sign-in of the computer whose code it scanned, with its token and the number it picked
     * (a wrong number ends the trip). A user is created here if the identity is new. False when nothing was confirmed.
     */
    public boolean confirmScan(FederatedProvider<?> provider, HttpServletRequest request, String state, String confirmToken,
                               String pickedNumber) {
        String domainId = domains.domainIdOf(request);
        String system = provider.userSystem();
        Optional<ProviderLogin> confirmed = trips.confirm(domainId, system, state, confirmToken, pickedNumber);
        if (confirmed.isEmpty()) {
            LOG.info(() -> "Refused a " + system + " scan confirmation in " + domainId + ": unknown, used, expired or a wrong number");
            audit.record(new AuditLog.Entry(domainId, "login.failure", null, null, system, clientAddresses.of(request), "scan-not-confirmed"));
            return false;
        }
        ProviderLogin trip = confirmed.get();
        if (trip.getResultUserId() == null) {
            try {
                FederatedAccounts.Resolved created = resolve(domainId, system, ExternalIdentity.fromJson(trip.getResultIdentity()),
                        settings(provider, domainId).autoCreate());
                record(domainId, created, system, request);
                trips.attachUser(trip.getStateHash(), created.user().getUserId());
            } catch (RuntimeException refused) {
                LOG.log(Level.INFO, "A confirmed " + system + " scan in " + domainId + " could not get its user", refused);
                failQuietly(trip.getStateHash());
                return false;
            }
        }
        return true;
    }

    /** The phone refuses the sign-in of the computer whose code it scanned: nobody is signed in. */
    public void cancelScan(FederatedProvider<?> provider, HttpServletRequest request, String state, String confirmToken) {
        String domainId = domains.domainIdOf(request);
        if (trips.cancel(domainId, provider.userSystem(), state, confirmToken)) {
            audit.record(new AuditLog.Entry(domainId, "login.failure", null, null, provider.userSystem(), clientAddresses.of(request),
                    "scan-cancelled"));
        }
    }

    /** The code this browser shows for the provider (its newest scan), if it has one. */
    public Optional<PendingScan> pendingScan(FederatedProvider<?> provider, HttpServletRequest request) {
        return newestScan(provider, request).map(this::shown);
    }

    /** The code this browser shows for the provider while its scan still waits for the phone: one read of the trip. */
    public Optional<PendingScan> waitingScan(FederatedProvider<?> provider, HttpServletRequest request) {
        return newestScan(provider, request).filter(trip -> WAITING.contains(statusNow(trip))).map(this::shown);
    }

    /** Where the scan this browser shows stands: waiting, confirmed (finish it), or over. */
    public Optional<ProviderLogin.Status> scanStatus(FederatedProvider<?> provider, HttpServletRequest request) {
        return newestScan(provider, request).map(this::statusNow);
    }

    /** An expired trip that did not finish has failed, whatever its row says. */
    private ProviderLogin.Status statusNow(ProviderLogin trip) {
        return trip.getStatus() != ProviderLogin.Status.FINISHED && trip.getExpiresAt().isBefore(clock.instant())
                ? ProviderLogin.Status.FAILED : trip.getStatus();
    }

    private PendingScan shown(ProviderLogin trip) {
        String json = new String(cipher.decrypt(scanPurpose(trip.getStateHash()), trip.getScanSealed()), StandardCharsets.UTF_8);
        JsonObject scan = JSON.createReader(new StringReader(json)).readObject();
        return new PendingScan(scan.getString("state"), scan.getString("url"), scan.getString("match"));
    }

    private Optional<ProviderLogin> newestScan(FederatedProvider<?> provider, HttpServletRequest request) {
        return BrowserCookies.binding(request)
                .flatMap(binding -> trips.newestScan(domains.domainIdOf(request), provider.userSystem(), binding));
    }

    private static String scanPurpose(String stateHash) {
        return "provider-scan:" + stateHash;
    }

    private AuthenticationStatus finishScan(FederatedProvider<?> provider, HttpMessageContext context, ScanFinish finish) {
        HttpServletRequest request = context.getRequest();
        String domainId = domains.domainIdOf(request);
        String system = provider.userSystem();
        Optional<String> binding = BrowserCookies.binding(request);
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
        record(domainId, new FederatedAccounts.Resolved(user.get(), false), system, request);
        request.setAttribute(OUTCOME, new Outcome.SignedIn(finished.get().getNextPath()));
        return signIn.complete(context, principal(user.get()), system);
    }

    private FederatedAccounts.Resolved resolve(String domainId, String system, ExternalIdentity identity, boolean autoCreate) {
        try {
            return accounts.signIn(domainId, system, identity, autoCreate);
        } catch (PersistenceException raced) {
            if (!isUniqueViolation(raced)) {
                throw raced;
            }
            // a first sign-in of the same identity at the same moment created it: now it is found
            LOG.log(Level.FINE, "retrying a first sign-in that raced another", raced);
            return accounts.signIn(domainId, system, identity, autoCreate);
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void failQuietly(String stateHash) {
        try {
            trips.fail(stateHash);
        } catch (RuntimeException alsoBroken) {
            LOG.log(Level.FINE, "could not mark the trip failed", alsoBroken);
        }
    }

    private AuthenticationStatus refuse(HttpMessageContext context, String domainId, String system, FederationFailure failure,
                                        String next, boolean linking, String detail) {
        HttpServletRequest request = context.getRequest();
        LOG.info(() -> "Refused a " + system + " sign-in in " + domainId + " (" + failure.key() + "): " + detail);
        try {
            audit.record(new AuditLog.Entry(domainId, "login.failure", null, null, system, clientAddresses.of(request), failure.key()));
        } catch (RuntimeException auditDown) {
            LOG.log(Level.WARNING, "could not audit a refused sign-in", auditDown);
        }
        request.setAttribute(OUTCOME, new Outcome.Failed(failure, next, linking));
        return AuthenticationStatus.SEND_FAILURE;
    }

    private void record(String domainId, FederatedAccounts.Resolved resolved, String system, HttpServletRequest request) {
        String client = clientAddresses.of(request);
        if (resolved.registered()) {
            audit.record(new AuditLog.Entry(domainId, "user.registered", resolved.user().getUserId(), null, system, client, null));
        }
        audit.record(new AuditLog.Entry(domainId, "login.success", resolved.user().getUserId(), null, system, client, null));
    }

    private static LanyardPrincipal principal(User user) {
        return new LanyardPrincipal(user.getDomainId(), user.getUserId(), user.displayName(), user.getRole());
    }

    private Optional<String> signedInUserId(HttpServletRequest request, String domainId) {
        return browserSessions.current(request).filter(login -> login.domainId().equals(domainId)).map(SessionLogin::userId);
    }

    /** A provider's error value for the log: short and printable. */
    private static String printable(String value) {
        String clipped = value.length() > 64 ? value.substring(0, 64) : value;
        return clipped.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
