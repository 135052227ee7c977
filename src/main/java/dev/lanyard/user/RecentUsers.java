package dev.lanyard.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Users this node recently minted a token for on their behalf (get_access_token, JWT-bearer), as they were then: only
 * a guess of who the next token for them is signed for. The token is answered only after the group commit read the
 * user again in the transaction that records the token ({@code security/FirstUseBatches}), and that read decides:
 * a user gone, disabled or no longer allowed gets the refusal, a changed role or name gets a token signed again.
 * So a stale entry costs the signing of calls already under way for that user (it is forgotten at the first refusal),
 * never a wrong token, on this node or another; and a server starting sessions for its users costs the database one
 * transaction per batch of calls instead of a read per call and a transaction per batch (docs/performance.md).
 * A user not remembered is read first, as before, and read again in the batch.
 *
 * <p>Entries are detached copies and only read. The map is bounded by {@code lanyard.tokens.recent-users} and
 * emptied when full, as the AccessKey cache is: it is a guess, and losing it costs one read per user.
 */
@ApplicationScoped
public class RecentUsers {

    /** How many users a node remembers (0: none, every token reads its user first). */
    @Inject
    @ConfigProperty(name = "lanyard.tokens.recent-users", defaultValue = "10000")
    int maxEntries;

    private final Map<String, User> users = new ConcurrentHashMap<>();

    /** The user as this node last saw it when minting, if it did. */
    public Optional<User> find(String domainId, String userId) {
        return Optional.ofNullable(users.get(key(domainId, userId)));
    }

    /** Remembers the user as just read (detached). */
    public void remember(User user) {
        if (maxEntries <= 0 || user.isServiceAccount()) {
            return;
        }
        if (users.size() >= maxEntries) {
            users.clear();
        }
        users.put(key(user.getDomainId(), user.getUserId()), user);
    }

    /** Forgets the user: the next token for them reads them first (and a refused one costs no signature). */
    public void forget(String domainId, String userId) {
        users.remove(key(domainId, userId));
    }

    private static String key(String domainId, String userId) {
        return domainId + "\u0000" + userId;
    }
}
