package dev.lanyard.bootstrap;

import dev.lanyard.app.AppService;
import dev.lanyard.config.ServerSettings;
import dev.lanyard.domain.Domain;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.accesskey.AccessKey;
import dev.lanyard.security.PasswordHasher;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.setup.ImportParser;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.usersystem.password.PasswordLoginMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On an empty database: the default domain with password sign-in enabled, its built-in BasicUI app (disabled), and
 * the superadmin {@value #ADMIN_USERNAME}. The admin password comes from {@code LANYARD_ADMIN_PASSWORD}; without it a
 * random one is generated and printed once to the console (never to a log file of Lanyard's own).
 */
@ApplicationScoped
public class FirstStart {

    public static final String ADMIN_USERNAME = "admin";
    public static final int MIN_ADMIN_PASSWORD_LENGTH = 8;
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @PersistenceContext
    EntityManager em;

    @Inject
    ServerSettings serverSettings;

    @Inject
    UserService users;

    @Inject
    AppService apps;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "lanyard.admin-password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "lanyard.bootstrap.access-key-id")
    Optional<String> bootstrapAccessKeyId;

    @Inject
    @ConfigProperty(name = "lanyard.bootstrap.access-key-secret")
    Optional<String> bootstrapAccessKeySecret;

    @Inject
    SecretCipher cipher;

    /** Returns the generated admin password when one was generated (to be shown once), else empty. */
    @Transactional
    public Optional<String> seedIfEmpty() {
        long domains = em.createQuery("select count(d) from Domain d", Long.class).getSingleResult();
        if (domains > 0) {
            return Optional.empty();
        }
        String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = randomPassword();
        } else if (password.length() < MIN_ADMIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("LANYARD_ADMIN_PASSWORD must have at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
        }
        Instant now = clock.instant();
        String domainId = serverSettings.defaultDomainId();
        em.persist(new Domain(domainId, "Default", now));
        em.persist(new UserSystemConfig(domainId, PasswordLoginMethod.NAME, true, "{}", now));
        apps.ensureBasicUi(domainId);
        User admin = users.create(domainId, UserService.newUserId(), ADMIN_USERNAME, Role.SUPERADMIN);
        users.link(admin, PasswordLoginMethod.NAME, ADMIN_USERNAME, hasher.hash(password.toCharArray()));
        seedBootstrapAccessKey(domainId, now);
        return generated ? Optional.of(password) : Optional.empty();
    }

    /** LANYARD_BOOTSTRAP_ACCESS_KEY_ID / _SECRET: a superadmin AccessKey pair for automation, on an empty database only. */
    private void seedBootstrapAccessKey(String domainId, Instant now) {
        String id = bootstrapAccessKeyId.filter(v -> !v.isBlank()).orElse(null);
        String secret = bootstrapAccessKeySecret.filter(v -> !v.isBlank()).orElse(null);
        if (id == null && secret == null) {
            return;
        }
        if (id == null || secret == null) {
            throw new IllegalStateException("set both LANYARD_BOOTSTRAP_ACCESS_KEY_ID and LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET, or neither");
        }
        if (secret.length() < ImportParser.MIN_SECRET_LENGTH) {
            throw new IllegalStateException("LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET must have at least " + ImportParser.MIN_SECRET_LENGTH + " characters");
        }
        em.persist(new AccessKey(id, domainId, cipher.encrypt(AccessKey.purpose(id), secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Role.SUPERADMIN, "bootstrap (LANYARD_BOOTSTRAP_ACCESS_KEY_ID)", now));
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
