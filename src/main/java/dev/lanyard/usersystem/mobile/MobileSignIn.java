package dev.lanyard.usersystem.mobile;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.domain.DomainService;
import dev.lanyard.security.RateLimiter;
import dev.lanyard.sms.SmsDeliveryException;
import dev.lanyard.sms.SmsMessage;
import dev.lanyard.sms.SmsSender;
import dev.lanyard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Mobile-number sign-in, for the logon page and the account API alike: send a code (number checks, send limits,
 * challenge, delivery with failover) and sign in with it (code check, then the user, registered on first sign-in when
 * the domain allows). Every answer is the same whether or not the number has an account.
 */
@ApplicationScoped
public class MobileSignIn {

    private static final Logger LOG = Logger.getLogger(MobileSignIn.class.getName());

    /** PDS's send_sms_code types; sign-in takes codes sent for login or register. */
    public static final Set<String> PURPOSES = Set.of("login", "register", "change_password");
    private static final Set<String> SIGN_IN_PURPOSES = Set.of("login", "register");
    /** Codes that confirm a signed-in user's new number (account page): never accepted for a sign-in. */
    static final String NEW_NUMBER_PURPOSE = "change_mobile";
    /** Codes of an administrator's test message ("Send a test SMS"): never accepted for anything. */
    static final String TEST_PURPOSE = "test";

    /** Where a send or sign-in comes from: the app (may be null on the plain logon page) and the login transaction. */
    public record Origin(String domainId, String appId, String transaction, String clientIp) {
    }

    /** A signed-in user; {@code registered}: the account was created by this sign-in. */
    public record Result(User user, boolean registered) {
    }

    @Inject
    DomainService domains;

    @Inject
    SmsCodes codes;

    @Inject
    SmsSender sender;

    @Inject
    MobileAccounts accounts;

    @Inject
    AuditLog audit;

    /** The domain's settings, or refused when the domain does not enable mobile sign-in. */
    public MobileSettings settings(String domainId) {
        return MobileSettings.parse(domains.openedSettings(domainId, MobileSettings.USER_SYSTEM, true)
                .orElseThrow(() -> new MobileSignInException(403, "Forbidden.UserSystem", "mobile.notEnabled",
                        "Mobile-number sign-in is not enabled in this domain", 0)));
    }

    /**
     * The domain's saved settings whether or not mobile sign-in is enabled (an administrator tests before enabling);
     * refused when none are saved or they are not usable.
     */
    public MobileSettings savedSettings(String domainId) {
        try {
            return MobileSettings.parse(domains.openedSettings(domainId, MobileSettings.USER_SYSTEM, false)
                    .orElse(jakarta.json.JsonValue.EMPTY_JSON_OBJECT));
        } catch (IllegalArgumentException unusable) {
            throw new MobileSignInException(400, "InvalidParameter.Settings", "mobile.settingsUnusable", unusable.getMessage(), 0);
        }
    }

    /**
     * "Send a test SMS": a code that nothing accepts, sent through the domain's saved gateways under the same send
     * limits as any code; answers the gateway that delivered it.
     */
    public String sendTestMessage(Origin origin, String phoneNumber) {
        return send(origin, phoneNumber, null, TEST_PURPOSE, savedSettings(origin.domainId())).gateway();
    }

    /** Sends a code and returns its challenge id (PDS's sms_code_id). */
    public String sendCode(Origin origin, String phoneNumber, String region, String purpose) {
        if (purpose == null || !PURPOSES.contains(purpose)) {
            settings(origin.domainId());
            throw MobileSignInException.invalid("InvalidParameter.Type", "mobile.invalidNumber", "type must be login, register or change_password");
        }
        return send(origin, phoneNumber, region, purpose, settings(origin.domainId())).challengeId();
    }

    /**
     * Sends a code that proves a signed-in user holds a new number ({@link #changeNumber}); the origin's transaction
     * binds it to that user. Whether the number belongs to someone else is told only after the code is proven, so the
     * send reveals nothing.
     */
    public String sendCodeForNewNumber(Origin origin, String phoneNumber, String region) {
        return send(origin, phoneNumber, region, NEW_NUMBER_PURPOSE, settings(origin.domainId())).challengeId();
    }

    /**
     * Makes the proven number the user's mobile sign-in (replacing the one they had) and their phone, in one
     * transaction: the code must have been sent by {@link #sendCodeForNewNumber} in the same transaction binding.
     *
     * @throws MobileSignInException 400 for a refused code, 409 AlreadyExist.PhoneNumber when another user signs in
     *                               with that number
     */
    public PhoneNumbers.Phone changeNumber(Origin origin, String userId, String phoneNumber, String region, String challengeId,
                                           String code) {
        MobileSettings settings = settings(origin.domainId());
        PhoneNumbers.Phone phone = phone(phoneNumber, region, settings);
        requireCodeShape(challengeId, code);
        SmsCodes.Check check = codes.check(origin.domainId(), challengeId, phone, origin.appId(), origin.transaction(), code,
                settings.maxAttempts());
        if (!check.valid() || !NEW_NUMBER_PURPOSE.equals(check.challenge().getPurpose())) {
            record(origin, "identity.change_failed", userId, phone, "mobile: code refused");
            throw MobileSignInException.codeRefused();
        }
        boolean replaced;
        try {
            replaced = accounts.replaceNumber(origin.domainId(), userId, phone);
        } catch (jakarta.persistence.PersistenceException failed) {
            // the identities' unique key when someone registered this number meanwhile; anything else is not ours to hide
            if (accounts.find(origin.domainId(), phone).filter(u -> !u.getUserId().equals(userId)).isEmpty()) {
                throw failed;
            }
            replaced = false;
        }
        if (!replaced) {
            record(origin, "identity.change_failed", userId, phone, "mobile: number of another user");
            throw new MobileSignInException(409, "AlreadyExist.PhoneNumber", "mobile.numberTaken",
                    "another account signs in with this number", 0);
        }
        record(origin, "identity.changed", userId, phone, "mobile");
        return phone;
    }

    /** A code sent: its challenge, and the gateway that took it. */
    private record Sent(String challengeId, String gateway) {
    }

    private Sent send(Origin origin, String phoneNumber, String region, String purpose, MobileSettings settings) {
        PhoneNumbers.Phone phone = phone(phoneNumber, region, settings);
        List<RateLimiter.Limit> limits = new ArrayList<>();
        if (!settings.sendInterval().isZero()) {
            limits.add(new RateLimiter.Limit("sms:interval:" + phone.e164(), 1, settings.sendInterval()));
        }
        limits.add(new RateLimiter.Limit("sms:number-hour:" + phone.e164(), settings.sendsPerNumberPerHour(), Duration.ofHours(1)));
        limits.add(new RateLimiter.Limit("sms:ip-hour:" + origin.clientIp(), settings.sendsPerIpPerHour(), Duration.ofHours(1)));
        limits.add(new RateLimiter.Limit("sms:domain-day", settings.dailyBudget(), Duration.ofDays(1)));
        SmsCodes.Issued issued;
        try {
            issued = codes.issue(origin.domainId(), origin.appId(), phone, purpose, origin.transaction(), settings, limits);
        } catch (RateLimiter.RateLimitExceeded e) {
            record(origin, "sms.send_limited", null, phone, "retry after " + e.retryAfterSeconds() + " s");
            throw new MobileSignInException(429, "TooManyRequests", "mobile.tooMany",
                    "Too many codes were asked for. Try again in " + e.retryAfterSeconds() + " seconds.", e.retryAfterSeconds());
        }
        SmsMessage message = new SmsMessage(origin.domainId(), issued.challengeId(), phone.e164(), phone.region(),
                phone.nationalNumber(), issued.code(), settings.messageFor(issued.code()));
        String gateway;
        try {
            gateway = sender.send(message, settings.gateways(),
                    new SmsSender.BreakerPolicy(settings.breakerFailures(), settings.breakerOpen()));
            record(origin, "sms.sent", null, phone, (TEST_PURPOSE.equals(purpose) ? "test message, " : "") + "gateway " + gateway);
        } catch (SmsDeliveryException e) {
            codes.kill(origin.domainId(), issued.challengeId());
            record(origin, "sms.send_failed", null, phone, e.getMessage());
            // an administrator's test shows the gateways' answers (codes, never the message); a user gets no details
            throw new MobileSignInException(503, "ServiceUnavailable", "mobile.sendFailed",
                    TEST_PURPOSE.equals(purpose) ? e.getMessage() : "The code could not be sent. Try again later.", 0);
        }
        return new Sent(issued.challengeId(), gateway);
    }

    /** Checks the code and returns the user, registering the number when the domain (and the caller) allow it. */
    public Result signIn(Origin origin, String phoneNumber, String region, String challengeId, String code, boolean autoRegister) {
        MobileSettings settings = settings(origin.domainId());
        PhoneNumbers.Phone phone = phone(phoneNumber, region, settings);
        requireCodeShape(challengeId, code);
        SmsCodes.Check check = codes.check(origin.domainId(), challengeId, phone, origin.appId(), origin.transaction(), code,
                settings.maxAttempts());
        if (!check.valid() || !SIGN_IN_PURPOSES.contains(check.challenge().getPurpose())) {
            record(origin, check.lockedNow() ? "login.locked" : "login.failure", null, phone, "mobile: code refused");
            throw MobileSignInException.codeRefused();
        }
        Optional<User> existing = accounts.find(origin.domainId(), phone);
        if (existing.isPresent()) {
            if (!existing.get().canSignIn()) {
                record(origin, "login.failure", existing.get().getUserId(), phone, "mobile: user disabled");
                throw MobileSignInException.codeRefused();
            }
            record(origin, "login.success", existing.get().getUserId(), phone, "mobile");
            return new Result(existing.get(), false);
        }
        if (!settings.autoRegister() || !autoRegister) {
            record(origin, "login.failure", null, phone, "mobile: no account, registration off");
            throw MobileSignInException.codeRefused();
        }
        User user;
        try {
            user = accounts.register(origin.domainId(), phone);
            record(origin, "user.registered", user.getUserId(), phone, "mobile");
        } catch (RuntimeException registeredMeanwhile) {
            // two first sign-ins of one number at once: the other one created the account
            user = accounts.find(origin.domainId(), phone).orElseThrow(() -> registeredMeanwhile);
        }
        record(origin, "login.success", user.getUserId(), phone, "mobile");
        return new Result(user, true);
    }

    private static void requireCodeShape(String challengeId, String code) {
        if (code == null || !code.matches("[0-9]{6}")) {
            throw MobileSignInException.invalid("InvalidParameter.SmsCode", "mobile.codeFormat", "sms_code must be 6 digits");
        }
        if (challengeId == null || !challengeId.matches("[0-9a-f]{32}")) {
            throw MobileSignInException.invalid("InvalidParameter.SmsCodeId", "mobile.codeRefused", "sms_code_id is not valid");
        }
    }

    private PhoneNumbers.Phone phone(String typed, String region, MobileSettings settings) {
        PhoneNumbers.Phone phone;
        try {
            phone = PhoneNumbers.parse(typed, region == null || region.isBlank() ? settings.defaultRegion() : region);
        } catch (IllegalArgumentException e) {
            throw MobileSignInException.invalid("InvalidParameter.PhoneNumber", "mobile.invalidNumber", "phone_number is not a valid mobile number");
        }
        if (!settings.allowedRegions().contains(phone.region())) {
            throw MobileSignInException.invalid("InvalidParameter.PhoneRegion", "mobile.regionNotAllowed",
                    "numbers of +" + phone.region() + " are not accepted in this domain");
        }
        return phone;
    }

    private void record(Origin origin, String type, String userId, PhoneNumbers.Phone phone, String detail) {
        audit.record(new AuditLog.Entry(origin.domainId(), type, userId, origin.appId(), phone.toString(), origin.clientIp(), detail));
        LOG.fine(() -> type + " " + phone + " in domain " + origin.domainId());
    }
}
