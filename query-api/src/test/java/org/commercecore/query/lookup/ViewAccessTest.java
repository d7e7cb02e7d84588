package org.commercecore.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.auth.Role;
import org.junit.jupiter.api.Test;

class ViewAccessTest {
    private static final Asker ALICE = Asker.of(new Caller("alice", Role.CUSTOMER));
    private static final Asker BOB = Asker.of(new Caller("bob", Role.CUSTOMER));
    private static final Asker ADMIN = Asker.of(new Caller("root", Role.ADMIN));
    private static final Lookup.Answer ALICES_ORDER = new Lookup.Answer("{\"order_id\":\"o-1\",\"customer_id\":\"alice\"}", "active", 0, false);
    private static final Lookup.Answer NOTHING = new Lookup.Answer(null, "active", 0, false);

    @Test
    void anOrderIsShownToItsCustomerAndToAdminsOnly() {
        assertThat(outcome(ALICE, Lookup.order("o-1"), ALICES_ORDER)).isEqualTo("answered");
        assertThat(outcome(ADMIN, Lookup.order("o-1"), ALICES_ORDER)).isEqualTo("answered");
        assertThat(outcome(BOB, Lookup.order("o-1"), ALICES_ORDER)).isEqualTo("denied");
        assertThat(outcome(Asker.ANONYMOUS, Lookup.order("o-1"), ALICES_ORDER)).isEqualTo("denied");
    }

    @Test
    void aMissingOrderIsAMissForAnySignedInCaller() {
        assertThat(outcome(BOB, Lookup.order("o-9"), NOTHING)).isEqualTo("answered");
    }

    @Test
    void aCustomersOrdersAreShownToThatCustomerAndToAdminsOnly() {
        Lookup.Answer orders = new Lookup.Answer("{\"orders\":[]}", "active", 0, false);
        assertThat(outcome(ALICE, Lookup.customerOrders("alice"), orders)).isEqualTo("answered");
        assertThat(outcome(ADMIN, Lookup.customerOrders("alice"), orders)).isEqualTo("answered");
        assertThat(outcome(BOB, Lookup.customerOrders("alice"), orders)).isEqualTo("denied");
        assertThat(outcome(Asker.ANONYMOUS, Lookup.customerOrders("alice"), orders)).isEqualTo("denied");
    }

    @Test
    void productsAndTopSellersArePublic() {
        Lookup.Answer card = new Lookup.Answer("{\"sku\":\"SKU-1\"}", "active", 0, false);
        assertThat(outcome(Asker.ANONYMOUS, Lookup.product("SKU-1"), card)).isEqualTo("answered");
        assertThat(outcome(Asker.ANONYMOUS, Lookup.topSellers(60), card)).isEqualTo("answered");
        assertThat(outcome(BOB, Lookup.product("SKU-1"), card)).isEqualTo("answered");
    }

    @Test
    void aQuestionTheAskerMayNotAskIsNotEvenRead() {
        AtomicInteger reads = new AtomicInteger();
        ViewAccess.guard(Asker.ANONYMOUS, Lookup.customerOrders("alice"), l -> {
            reads.incrementAndGet();
            return CompletableFuture.completedFuture(NOTHING);
        });
        assertThat(reads).hasValue(0);
    }

    private static String outcome(Asker asker, Lookup lookup, Lookup.Answer stored) {
        try {
            Lookup.Answer answer = ViewAccess.guard(asker, lookup, l -> CompletableFuture.completedFuture(stored)).join();
            assertThat(answer).isEqualTo(stored);
            return "answered";
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ViewAccessDeniedException.class);
            return "denied";
        }
    }
}
