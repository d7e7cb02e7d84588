package org.commercecore.command.auth;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commercecore.command.users.User;
import org.commercecore.command.users.Users;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.http.api.JsonBody;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.platform.http.api.Validation;
import org.commercecore.platform.tasks.CodeMailTask.Purpose;

/**
 * One-time codes: {@code POST /auth/otp} mails a login code, {@code POST /auth/otp/verify} exchanges
 * it for tokens; {@code POST /users/me/email-verification} mails a verification code (registration
 * sends the first one), {@code .../confirm} proves the e-mail with it.
 *
 * <p>The login pair answers the same for an e-mail with no account as for one with an account: 202
 * to a request, and one 401 for a code that is wrong, expired, used, locked out or never sent.
 */
public final class OneTimeCodeRoutes {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final String REFUSED = "the code is wrong, expired or already used; request a new one";

    private final Users users;
    private final CodeDelivery delivery;
    private final AccessTokens tokens;
    private final RefreshSessions sessions;
    private final Authentication auth;

    public OneTimeCodeRoutes(Users users, CodeDelivery delivery, AccessTokens tokens, RefreshSessions sessions, Authentication auth) {
        this.users = users;
        this.delivery = delivery;
        this.tokens = tokens;
        this.sessions = sessions;
        this.auth = auth;
    }

    record CodeRequest(String email) {
    }

    record CodeLogin(String email, String code) {
    }

    record CodeEntry(String code) {
    }

    /** When the code mailed (if any) stops working, in seconds from now. */
    record Sent(long expiresIn) {
    }

    public void addTo(JavalinConfig config) {
        config.routes.post("/auth/otp", this::sendLoginCode);
        config.routes.post("/auth/otp/verify", this::logInWithCode);
        config.routes.post("/users/me/email-verification", this::sendVerificationCode);
        config.routes.post("/users/me/email-verification/confirm", this::confirmEmail);
    }

    private void sendLoginCode(Context ctx) {
        CodeRequest request = JsonBody.read(ctx, CodeRequest.class);
        Validation v = new Validation();
        if (v.present(request.email(), "email")) {
            v.length(request.email(), 3, Users.MAX_EMAIL, "email");
        }
        v.orThrow();
        admitSend(Purpose.LOGIN, request.email());
        // a broker outage is not told apart either: a 503 would say the e-mail has an account (CodeDelivery logs it)
        users.byEmail(request.email()).ifPresent(account -> delivery.trySend(Purpose.LOGIN, account));
        ctx.status(HttpStatus.ACCEPTED).json(new Sent(delivery.codes().policy().lifetime().toSeconds()));
    }

    private void logInWithCode(Context ctx) {
        CodeLogin login = JsonBody.read(ctx, CodeLogin.class);
        Validation v = new Validation();
        if (v.present(login.email(), "email")) {
            v.length(login.email(), 3, Users.MAX_EMAIL, "email");
        }
        checkCode(v, login.code());
        v.orThrow();
        Optional<User> account = users.byEmail(login.email());
        if (account.isEmpty()) {
            throw ProblemException.unauthorized(REFUSED);
        }
        User user = account.get();
        if (delivery.codes().check(Purpose.LOGIN, user.id(), user.email(), login.code()) != OneTimeCodes.Check.VERIFIED) {
            throw ProblemException.unauthorized(REFUSED);
        }
        // the code reached that mailbox; if it was never proven before, whoever registered the address may
        // not be its owner: their password is gone (claimByCode) and their sessions end here
        if (users.claimByCode(user.id(), user.email())) {
            sessions.revokeAll(user.id());
        }
        long generation = sessions.generation(user.id());
        Caller caller = new Caller(user.id(), user.role());
        ctx.json(AuthRoutes.tokens(tokens, sessions, caller, sessions.open(caller, generation)));
    }

    private void sendVerificationCode(Context ctx) {
        User user = users.profile(auth.caller(ctx).userId());
        if (user.emailVerifiedAt() != null) {
            ctx.status(HttpStatus.NO_CONTENT); // already verified: nothing to send (as confirming it again is a 204)
            return;
        }
        admitSend(Purpose.VERIFY_EMAIL, user.email());
        delivery.send(Purpose.VERIFY_EMAIL, user);
        ctx.status(HttpStatus.ACCEPTED).json(new Sent(delivery.codes().policy().lifetime().toSeconds()));
    }

    /** The caller knows who they are, so here the answer says why a code was refused. */
    private void confirmEmail(Context ctx) {
        User user = users.profile(auth.caller(ctx).userId());
        CodeEntry entry = JsonBody.read(ctx, CodeEntry.class);
        Validation v = new Validation();
        checkCode(v, entry.code());
        v.orThrow();
        if (user.emailVerifiedAt() != null) {
            ctx.status(HttpStatus.NO_CONTENT);
            return;
        }
        switch (delivery.codes().check(Purpose.VERIFY_EMAIL, user.id(), user.email(), entry.code())) {
            case VERIFIED -> {
                if (!users.markEmailVerified(user.id(), user.email())) {
                    throw ProblemException.conflict("the account's e-mail changed meanwhile; confirm the code mailed to the new one");
                }
                ctx.status(HttpStatus.NO_CONTENT);
            }
            case WRONG -> throw ProblemException.unprocessable("code", "is not the code mailed to the account's e-mail");
            case LOCKED -> throw ProblemException.unprocessable("code", "was wrong too many times; request a new one");
            case EXPIRED -> throw ProblemException.unprocessable("code", "has expired; request a new one");
            case NONE -> throw ProblemException.unprocessable("code", "no verification code is pending (it was used, replaced,"
                    + " or never sent); request a new one");
        }
    }

    private static void checkCode(Validation v, String code) {
        if (v.present(code, "code")) {
            v.matches(code, CODE, "code", "must be the 6 digits from the mail");
        }
    }

    private void admitSend(Purpose purpose, String email) {
        try {
            delivery.codes().admitSend(purpose, email);
        } catch (OneTimeCodes.SendLimitReached e) {
            throw ProblemException.tooManyRequests("too-many-codes", "Too many codes sent",
                    "too many codes were sent to this e-mail address; try again in "
                            + ProblemException.retryAfterSeconds(e.retryAfter()) + " s", e.retryAfter());
        }
    }
}
