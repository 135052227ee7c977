package dev.lanyard.security;

import dev.lanyard.config.LoginSettings;
import dev.lanyard.config.MasterKeySource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Makes the password hasher (singletons: immutable, thread-safe, not proxied) and the master-key cipher injectable, configured from settings. */
@ApplicationScoped
public class CryptoProducer {

    @Inject
    LoginSettings loginSettings;

    @Produces
    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher(loginSettings.passwordIterations(), loginSettings.passwordHashing());
    }

    @Produces
    @Singleton
    SecretCipher secretCipher() {
        return new SecretCipher(MasterKeySource.load());
    }
}
