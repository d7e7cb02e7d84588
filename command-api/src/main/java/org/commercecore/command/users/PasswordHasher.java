package org.commercecore.command.users;

import java.util.UUID;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes (OWASP's first choice), through Spring Security's encoder: the hash
 * string carries its own salt and parameters, so they can be raised later without a migration.
 */
public final class PasswordHasher {
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** A hash with the same parameters as every new one, of a password nobody knows (fresh random bytes each start). */
    private final String stranger = encoder.encode(UUID.randomUUID() + " " + UUID.randomUUID());

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }

    /**
     * For an account that does not exist: checks the password against a stand-in hash, so the
     * answer costs what a real check costs (the same Argon2 work, the same decoding), and is
     * always false. Timing then does not tell which e-mails have accounts.
     */
    public boolean matchesNoAccount(String password) {
        encoder.matches(password, stranger);
        return false;
    }
}
