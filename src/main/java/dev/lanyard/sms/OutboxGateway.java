package dev.lanyard.sms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import dev.lanyard.security.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The development gateway, default of a new domain: keeps each message in the database (encrypted) for the admin
 * page "SMS outbox", so the flow can be tried without a provider. Never logs the text.
 */
@ApplicationScoped
public class OutboxGateway implements SmsGateway {

    /** What the admin page shows. */
    public record Entry(Long id, String phoneNumber, String text, java.time.Instant createdAt) {
    }

    private static final String PURPOSE = "sms-outbox";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    Clock clock;

    @Override
    public String type() {
        return GatewayConfig.OUTBOX;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void send(SmsMessage message, GatewayConfig config) {
        em.persist(new OutboxMessage(message.domainId(), message.e164(),
                cipher.encrypt(PURPOSE + ":" + message.domainId(), message.text().getBytes(StandardCharsets.UTF_8)),
                clock.instant()));
    }

    /** The newest messages of a domain, newest first, decrypted for an administrator. */
    public List<Entry> newest(String domainId, int max) {
        return em.createQuery("select m from OutboxMessage m where m.domainId = :d order by m.createdAt desc, m.id desc", OutboxMessage.class)
                .setParameter("d", domainId).setMaxResults(max).getResultStream()
                .map(m -> new Entry(m.getId(), m.getPhoneNumber(), new String(cipher.decrypt(PURPOSE + ":" + domainId,
                        m.getMessageEncrypted()), StandardCharsets.UTF_8), m.getCreatedAt()))
                .toList();
    }
}
