package org.commercecore.command.auth;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.commercecore.command.users.Users;
import org.commercecore.platform.auth.AccessTokens;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.http.api.ClientAddress;
import org.commercecore.platform.http.api.JsonBody;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.platform.http.api.Validation;

/** {@code POST /auth/login}, {@code /auth/refresh}, {@code /auth/logout}. */
public final class AuthRoutes {
    private final Users users;
    private final AccessTokens tokens;
    private final RefreshSessions sessions;
    private final LoginThrottle throttle;
    private final ClientAddress clients;

    public AuthRoutes(Users users, AccessTokens tokens, RefreshSessions sessions, LoginThrottle throttle, ClientAddress clients) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clients = clients;
    }

    record Login(String email, String password) {
    }

    record Refresh(String refreshToken) {
    }

    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
    }

    public void addTo(JavalinConfig config) {
        config.routes.post("/auth/login", this::login);
        config.routes.post("/auth/refresh", this::refresh);
        config.routes.post("/auth/logout", this::logout);
    }

    /**
     * The throttle decides before the password is checked: over a limit, the answer is 429 whether
     * or not the password is right, so guessing gains nothing from it.
     */
    private void login(Context ctx) {
        Login login = JsonBody.read(ctx, Login.class);
        users.checkLogin(login.email(), login.password());
        LoginThrottle.Admission admission = throttle.admit(login.email(), clients.of(ctx));
        if (admission instanceof LoginThrottle.Refused refused) {
            throw ProblemException.tooManyRequests("too-many-failed-logins", "Too many failed logins",
                    "too many failed logins " + ("account".equals(refused.what()) ? "for this account" : "from this address")
                            + "; try again in " + ProblemException.retryAfterSeconds(refused.retryAfter()) + " s", refused.retryAfter());
        }
        LoginThrottle.Admitted attempt = (LoginThrottle.Admitted) admission;
        Optional<Users.Authenticated> user;
        try {
            user = users.authenticate(login.email(), login.password(), sessions::generation);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (user.isEmpty()) {
            throw ProblemException.unauthorized("email or password is wrong"); // counted: the admission was the failure
        }
        attempt.succeeded();
        Caller caller = new Caller(user.get().user().id(), user.get().user().role());
        ctx.json(tokens(caller, sessions.open(caller, user.get().sessionGeneration())));
    }

    private void refresh(Context ctx) {
        RefreshSessions.Rotated rotated = sessions.rotate(refreshToken(ctx))
                .orElseThrow(() -> ProblemException.unauthorized("the refresh token is unknown, expired, revoked or already used"));
        ctx.json(tokens(rotated.caller(), rotated.refreshToken()));
    }

    private void logout(Context ctx) {
        sessions.revoke(refreshToken(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private String refreshToken(Context ctx) {
        Refresh refresh = JsonBody.read(ctx, Refresh.class);
        new Validation().require(refresh.refreshToken() != null && !refresh.refreshToken().isBlank(), "refresh_token",
                "is required").orThrow();
        return refresh.refreshToken();
    }

    private Tokens tokens(Caller caller, String refreshToken) {
        return tokens(tokens, sessions, caller, refreshToken);
    }

    /** The answer to every way of logging in: an access token and the refresh session's token. */
    static Tokens tokens(AccessTokens tokens, RefreshSessions sessions, Caller caller, String refreshToken) {
        AccessTokens.Issued access = tokens.issue(caller);
        return new Tokens(access.token(), "Bearer", access.lifetime().toSeconds(), refreshToken, sessions.lifetime().toSeconds());
    }
}
