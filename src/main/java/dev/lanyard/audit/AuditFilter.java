package dev.lanyard.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which audit events an administrator asks for: a time range (from inclusive, to exclusive), a user, an app, an event
 * type and a result; a null field does not filter.
 */
public record AuditFilter(Instant from, Instant to, String userId, String appId, String eventType, Result result) {

    /** Whether the event reports something refused or failed, as opposed to something done. */
    public enum Result { SUCCESS, FAILURE }

    /** The event types that report a refusal or failure (docs/audit.md); every other event reports a change or success. */
    public static final Set<String> FAILURE_EVENTS = Set.of("login.failure", "login.locked", "login.limited",
            "sms.send_failed", "sms.send_limited", "identity.change_failed");

    /** Every event type Lanyard writes, in the order of docs/audit.md (keep both in step). */
    public static final List<String> EVENT_TYPES = List.of("login.success", "login.failure", "login.locked", "login.limited",
            "sms.sent", "sms.send_failed", "sms.send_limited", "user.registered", "user.created", "user.updated", "user.deleted",
            "user.sessions_revoked",
            "identity.linked", "identity.unlinked", "identity.changed", "identity.change_failed", "app.created", "app.updated",
            "app.deleted", "app.key_set",
            "app.key_removed", "app.secret_regenerated", "app.access_allowed", "app.access_disallowed",
            "access_key.created", "access_key.updated", "access_key.deleted", "domain.created", "domain.updated", "user_system.tested", "signing_key.rotated",
            "token.on_behalf", "token.bridged");

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    public static Result resultOf(String eventType) {
        return FAILURE_EVENTS.contains(eventType) ? Result.FAILURE : Result.SUCCESS;
    }
}
