package org.commercecore.command.users;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.function.Consumer;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.http.api.JsonBody;

/** {@code POST /users}, {@code GET|PATCH /users/me}. */
public final class UserRoutes {
    private final Users users;
    private final Authentication auth;
    private final Consumer<String> passwordChanged;
    private final Consumer<User> emailToVerify;

    /**
     * {@code passwordChanged} is told the user id once a new password is stored (it revokes the
     * account's sessions); {@code emailToVerify} is told of an account whose e-mail is new (registered
     * or changed) once it is stored (it mails a verification code).
     */
    public UserRoutes(Users users, Authentication auth, Consumer<String> passwordChanged, Consumer<User> emailToVerify) {
        this.users = users;
        this.auth = auth;
        this.passwordChanged = passwordChanged;
        this.emailToVerify = emailToVerify;
    }

    record UserView(String id, String email, boolean emailVerified, String displayName, String role,
            NotificationPreferences notifications, Instant createdAt, Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.emailVerifiedAt() != null, u.displayName(), u.role().name(), u.notifications(),
                    u.createdAt(), u.updatedAt());
        }
    }

    public void addTo(JavalinConfig config) {
        config.routes.post("/users", this::register);
        config.routes.get("/users/me", this::me);
        config.routes.patch("/users/me", this::change);
    }

    private void register(Context ctx) {
        User user = users.register(JsonBody.read(ctx, Users.Registration.class));
        emailToVerify.accept(user);
        ctx.status(HttpStatus.CREATED).header("Location", "/users/me").json(UserView.of(user));
    }

    private void me(Context ctx) {
        ctx.json(UserView.of(users.profile(auth.caller(ctx).userId())));
    }

    /** A new password ends every refresh session of the account, this client's too: each device logs in again with it. */
    private void change(Context ctx) {
        String userId = auth.caller(ctx).userId();
        Users.ProfileChange change = JsonBody.read(ctx, Users.ProfileChange.class);
        User before = users.profile(userId);
        User changed = users.change(userId, change);
        if (change.password() != null) {
            passwordChanged.accept(userId);
        }
        if (!changed.email().equalsIgnoreCase(before.email())) {
            emailToVerify.accept(changed);
        }
        ctx.json(UserView.of(changed));
    }
}
