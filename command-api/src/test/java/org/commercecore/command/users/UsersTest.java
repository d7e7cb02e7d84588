package org.commercecore.command.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.commercecore.platform.http.api.Problem;
import org.commercecore.platform.http.api.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * The limits on what an account's fields may hold, checked before anything is stored or hashed
 * (so these run without a database or a hasher: reaching either would fail the test).
 */
class UsersTest {
    private final Users users = new Users(null, null);

    @Test
    void aRegistrationOverTheLengthLimitsIsRefusedNamingEachField() {
        String email = "a".repeat(250) + "@x.io";
        List<Problem.FieldError> errors = refused(() -> users.register(
                new Users.Registration(email, "p".repeat(Users.MAX_PASSWORD + 1), "n".repeat(Users.MAX_DISPLAY_NAME + 1))));

        assertThat(errors).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("email", "password", "display_name");
        assertThat(errors).extracting(Problem.FieldError::message).allSatisfy(m -> assertThat(m).matches("must be \\d+ to \\d+ characters long"));
    }

    @Test
    void aLoginWithAnOverlongEmailOrPasswordIsRefusedBeforeAnyLookup() {
        List<Problem.FieldError> errors = refused(() -> users.authenticate("e".repeat(Users.MAX_EMAIL + 1), "p".repeat(100_000), id -> 0L));

        assertThat(errors).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("email", "password");
    }

    @Test
    void aLoginWithoutEmailOrPasswordIsRefused() {
        assertThat(refused(() -> users.authenticate(null, " ", id -> 0L))).extracting(Problem.FieldError::field, Problem.FieldError::message)
                .containsExactlyInAnyOrder(tuple("email", "is required"),
                        tuple("password", "is required"));
    }

    @Test
    void aProfileChangeWithAnOverlongCurrentPasswordIsRefused() {
        List<Problem.FieldError> errors = refused(() -> users.change("user-1",
                new Users.ProfileChange(null, null, "a new password", "c".repeat(Users.MAX_PASSWORD + 1), null)));

        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("current_password");
    }

    @Test
    void notificationPreferencesNameOnlyKnownChannelsAndKindsEachOnce() {
        List<Problem.FieldError> errors = refused(() -> users.change("user-1", new Users.ProfileChange(null, null, null, null,
                new NotificationPreferences(java.util.Arrays.asList("EMAIL", "SMS", "EMAIL", null),
                        List.of("ORDER_PLACED", "UNKNOWN", "order_shipped")))));

        assertThat(errors).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("notifications.channels[1]",
                "notifications.channels[2]", "notifications.channels[3]", "notifications.opt_outs[1]", "notifications.opt_outs[2]");
        assertThat(errors).filteredOn(e -> e.field().equals("notifications.channels[2]")).extracting(Problem.FieldError::message)
                .containsExactly("is given twice");
    }

    @Test
    void aNotificationsChangeMustNameSomething() {
        assertThat(refused(() -> users.change("user-1", new Users.ProfileChange(null, null, null, null,
                new NotificationPreferences(null, null))))).extracting(Problem.FieldError::field).containsExactly("notifications");
    }

    @Test
    void aChangeMergesOnlyTheListsItNames() {
        NotificationPreferences both = new NotificationPreferences(List.of("EMAIL", "PUSH"), List.of("ORDER_PLACED"));

        assertThat(new NotificationPreferences(null, List.of()).patchJson()).isEqualTo("{\"opt_outs\":[]}");
        assertThat(new NotificationPreferences(List.of(), null).patchJson()).isEqualTo("{\"channels\":[]}");
        assertThat(both.patchJson()).isEqualTo("{\"channels\":[\"EMAIL\",\"PUSH\"],\"opt_outs\":[\"ORDER_PLACED\"]}");
        assertThat(NotificationPreferences.fromJson(both.patchJson())).isEqualTo(both);
    }

    private static List<Problem.FieldError> refused(Runnable call) {
        ProblemException refused = catchThrowableOfType(ProblemException.class, call::run);
        assertThat(refused).as("refused with a problem").isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        return refused.problem().errors();
    }
}
