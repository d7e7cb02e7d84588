package org.commercecore.command.users;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import org.commercecore.platform.auth.Authentication;
import org.commercecore.platform.http.api.JsonBody;

/** {@code POST /users}, {@code GET|PATCH /users/me}. */
public final class UserRoutes {
    private final Users users;
    private final Authentication auth;

    public UserRoutes(Users users, Authentication auth) {
        this.users = users;
        this.auth = auth;
    }

    record UserView(String id, String email, String displayName, String role, Instant createdAt, Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.displayName(), u.role().name(), u.createdAt(), u.updatedAt());
        }
    }

    public void addTo(JavalinConfig config) {
        config.routes.post("/users", this::register);
        config.routes.get("/users/me", this::me);
        config.routes.patch("/users/me", this::change);
    }

    private void register(Context ctx) {
        User user = users.register(JsonBody.read(ctx, Users.Registration.class));
        ctx.status(HttpStatus.CREATED).header("Location", "/users/me").json(UserView.of(user));
    }

    private void me(Context ctx) {
        ctx.json(UserView.of(users.profile(auth.caller(ctx).userId())));
    }

    private void change(Context ctx) {
        String userId = auth.caller(ctx).userId();
        ctx.json(UserView.of(users.change(userId, JsonBody.read(ctx, Users.ProfileChange.class))));
    }
}
