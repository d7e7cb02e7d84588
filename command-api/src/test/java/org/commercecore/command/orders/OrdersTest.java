package org.commercecore.command.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.commercecore.platform.http.api.Problem;
import org.commercecore.platform.http.api.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Idempotency-Key's form, checked before anything is stored (no database here: reaching it would fail the test). */
class OrdersTest {
    private static final Orders.PlaceOrder ORDER = new Orders.PlaceOrder(List.of(new Orders.Line("SKU-1", 1)));
    private final Orders orders = new Orders(null);

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"tab\there", "line\nfeed", "caf\u00e9", "emoji \ud83d\ude00", "del\u007f"})
    void aKeyThatIsNotPrintableAsciiIsRefusedNamingTheHeader(String key) {
        List<Problem.FieldError> errors = refused(key);

        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("Idempotency-Key");
        assertThat(errors.get(0).message()).startsWith("must be 1 to 255 printable ASCII characters");
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {256, 10 * 1024})
    void aKeyOverTheLengthLimitIsRefusedSayingHowLongItWas(int length) {
        List<Problem.FieldError> errors = refused("k".repeat(length));

        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("Idempotency-Key");
        assertThat(errors.get(0).message()).endsWith("got " + length + " characters");
    }

    @ParameterizedTest(name = "{index}: [{0}]")
    @ValueSource(strings = {"", "   "})
    void aMissingKeyIsRequired(String key) {
        assertThat(refused(key)).extracting(Problem.FieldError::message)
                .containsExactly("header is required (1-255 characters): a retry with the same key returns the same order");
    }

    private List<Problem.FieldError> refused(String key) {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> orders.place(new Caller("user-1", Role.CUSTOMER), key, ORDER));
        assertThat(refused).as("refused with a problem").isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        return refused.problem().errors();
    }
}
