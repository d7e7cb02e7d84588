package org.commercecore.command.users;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.commercecore.command.storage.Transactions;
import org.commercecore.platform.auth.Role;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.platform.http.api.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts: registration, profiles, and checking a password at login. */
public final class Users {
    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    public static final int MAX_EMAIL = 254; // RFC 5321's longest forward path
    static final int MAX_PASSWORD = 200;
    static final int MAX_DISPLAY_NAME = 200;

    private final Transactions transactions;
    private final PasswordHasher hasher;
    private final UserStore store = new UserStore();

    public Users(Transactions transactions, PasswordHasher hasher) {
        this.transactions = transactions;
        this.hasher = hasher;
    }

    public record Registration(String email, String password, String displayName) {
    }

    public record ProfileChange(String email, String displayName, String password, String currentPassword,
            NotificationPreferences notifications) {
    }

    /** A new CUSTOMER account; 409 when the email is taken. */
    public User register(Registration r) {
        Validation v = new Validation();
        if (v.present(r.email(), "email")) {
            v.matches(r.email(), EMAIL, "email", "is not an email address").length(r.email(), 3, MAX_EMAIL, "email");
        }
        if (v.present(r.password(), "password")) {
            v.length(r.password(), 10, MAX_PASSWORD, "password");
        }
        v.length(r.displayName(), 1, MAX_DISPLAY_NAME, "display_name").orThrow();
        String hash = hasher.hash(r.password());
        return transactions.inTransaction(db -> {
            try {
                String id = store.insert(db, r.email().trim(), r.displayName(), Role.CUSTOMER, hash);
                return store.byId(db, id).orElseThrow();
            } catch (SQLException e) {
                throw emailTaken(e);
            }
        });
    }

    /** The account with this e-mail (whatever its case), if any. */
    public Optional<User> byEmail(String email) {
        return transactions.inTransaction(db -> store.credentials(db, email.trim())).map(UserStore.Credentials::user);
    }

    /**
     * A login by a code mailed to {@code email}: the e-mail is proven. If it was not proven before,
     * the account's password is removed and true is answered (the caller then ends its sessions):
     * someone may have registered the address before its owner, with a password of their own.
     */
    public boolean claimByCode(String userId, String email) {
        return transactions.inTransaction(db -> store.claimByCode(db, userId, email));
    }

    /** Records that the account's e-mail is proven, if {@code email} is still its e-mail; false when it changed since. */
    public boolean markEmailVerified(String userId, String email) {
        return transactions.inTransaction(db -> store.markEmailVerified(db, userId, email));
    }

    public User profile(String userId) {
        return transactions.inTransaction(db -> store.byId(db, userId))
                .orElseThrow(() -> ProblemException.notFound("the account no longer exists"));
    }

    /** Changes the given fields; a new password needs the current one. */
    public User change(String userId, ProfileChange change) {
        Validation v = new Validation();
        v.matches(change.email(), EMAIL, "email", "is not an email address").length(change.email(), 3, MAX_EMAIL, "email")
                .length(change.displayName(), 1, MAX_DISPLAY_NAME, "display_name").length(change.password(), 10, MAX_PASSWORD, "password")
                .length(change.currentPassword(), 1, MAX_PASSWORD, "current_password")
                .require(change.email() != null || change.displayName() != null || change.password() != null
                        || change.notifications() != null, "body", "give at least one of email, display_name, password, notifications");
        if (change.notifications() != null) {
            change.notifications().check(v, "notifications");
        }
        v.orThrow();
        String newHash = change.password() == null ? null : hasher.hash(change.password());
        return transactions.inTransaction(db -> {
            User user = store.byId(db, userId).orElseThrow(() -> ProblemException.notFound("the account no longer exists"));
            if (newHash != null) {
                // an account without a password (its e-mail claimed by a code login) sets one without the old
                String current = store.credentials(db, user.email()).map(UserStore.Credentials::passwordHash).orElse(null);
                if (current != null && change.currentPassword() == null) {
                    throw ProblemException.invalid("current_password", "is required to set a new password");
                }
                if (current != null && !hasher.matches(change.currentPassword(), current)) {
                    throw ProblemException.unprocessable("current_password", "is not the account's password");
                }
            }
            try {
                store.update(db, userId, change.email() == null ? null : change.email().trim(), change.displayName(), newHash,
                        change.notifications());
            } catch (SQLException e) {
                throw emailTaken(e);
            }
            return store.byId(db, userId).orElseThrow();
        });
    }

    /**
     * The account these credentials prove, if any (the same answer for an unknown email and a wrong
     * password). Both are required and no longer than any account's can be: a megabyte of password
     * is refused before it is hashed.
     */
    /** A login that holds: the account, and its session generation as it was before the password hash was read. */
    public record Authenticated(User user, long sessionGeneration) {
    }

    /**
     * Checks a login. The account's session generation ({@code generationOf}) is taken between two
     * reads of its password hash, and the login fails if the hash changed between them: a password
     * change commits the new hash before it revokes the sessions, so a login that checked the old
     * password always carries the generation from before that revocation, and its session is refused.
     */
    public Optional<Authenticated> authenticate(String email, String password, ToLongFunction<String> generationOf) {
        checkLogin(email, password);
        Optional<UserStore.Credentials> found = transactions.inTransaction(db -> store.credentials(db, email));
        if (found.isEmpty()) {
            hasher.matchesNoAccount(password); // the same work as a real check: timing does not reveal which emails exist
            return Optional.empty();
        }
        long generation = generationOf.applyAsLong(found.get().user().id());
        String hash = found.get().passwordHash();
        if (hash == null) {
            hasher.matchesNoAccount(password); // no password to log in with: as slow as a wrong one
            return Optional.empty();
        }
        boolean unchanged = transactions.inTransaction(db -> store.credentials(db, email))
                .map(again -> hash.equals(again.passwordHash())).orElse(false);
        return hasher.matches(password, hash) && unchanged ? Optional.of(new Authenticated(found.get().user(), generation)) : Optional.empty();
    }

    /** The form of a login (both given, neither longer than an account's can be): a 400 before anything is counted or looked up. */
    public void checkLogin(String email, String password) {
        Validation v = new Validation();
        if (v.present(email, "email")) {
            v.length(email, 1, MAX_EMAIL, "email");
        }
        if (v.present(password, "password")) {
            v.length(password, 1, MAX_PASSWORD, "password");
        }
        v.orThrow();
    }

    /** Creates the first admin when the shop has none (the bootstrap account from configuration). */
    public void ensureAdmin(String email, String password) {
        String hash = hasher.hash(password);
        boolean created = transactions.inTransaction(db -> {
            if (store.adminExists(db)) {
                return false;
            }
            store.insert(db, email, "Administrator", Role.ADMIN, hash);
            return true;
        });
        if (created) {
            LOG.info("created the bootstrap admin account {}", email);
        }
    }

    private static RuntimeException emailTaken(SQLException e) {
        if (Transactions.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return ProblemException.conflict("an account with this email already exists");
        }
        return new Transactions.StorageException(e);
    }
}
