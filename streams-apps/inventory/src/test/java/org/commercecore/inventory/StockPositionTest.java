package org.commercecore.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.Map;
import org.commercecore.inventory.StockPosition.Outcome;
import org.commercecore.inventory.internal.StockLevel;
import org.commercecore.inventory.internal.StockReservation;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** StockPosition against an in-memory reservation store, written the way StockLedger writes it. */
class StockPositionTest {
    private final Map<String, StockReservation> store = new HashMap<>();
    private StockLevel level;
    private StockPosition lastPosition;

    @Test
    void aLineAlreadyReservedIsAnsweredFromTheReservationStoreAndNotReservedTwice() {
        apply(position().adjust(10, null));
        assertThat(apply(position().reserve("o-1", 1, 4))).isInstanceOf(Outcome.Reserved.class);

        StockPosition again = position();
        assertThat(again.reserve("o-1", 1, 4)).isEqualTo(new Outcome.Unchanged("line already reserved"));
        assertThat(again.reservationWrites()).isEmpty();
        assertThat(again.available()).isEqualTo(6);
        assertThat(store).containsOnlyKeys(StockPosition.reservationKey("SKU-A", "o-1", 1));
    }

    @Test
    void releaseAndCommitRemoveTheLinesEntryAndOnlyOnce() {
        apply(position().adjust(10, null));
        apply(position().reserve("o-1", 1, 4));
        apply(position().reserve("o-2", 1, 3));

        assertThat(apply(position().release("o-1", 1))).isEqualTo(new Outcome.Released(4));
        assertThat(apply(position().release("o-1", 1))).isEqualTo(new Outcome.Unchanged("no reservation to release"));
        assertThat(apply(position().commit("o-2", 1))).isEqualTo(new Outcome.Committed(3, 7));
        assertThat(apply(position().commit("o-2", 1))).isEqualTo(new Outcome.Unchanged("no reservation to commit"));

        assertThat(store).isEmpty();
        assertThat(level.getReservedTotal()).isZero();
        assertThat(level.getReservationCount()).isZero();
        assertThat(level.getOnHand()).isEqualTo(7);
    }

    @Test
    void aLevelWithReservationsEmbeddedByTheFirstReleaseIsMigratedIntoTheReservationStore() {
        level = StockLevel.newBuilder().setSku("SKU-A").setOnHand(10).setLowStockThreshold(null)
                .setReservations(Map.of("o-1#1", 3, "o#with#hashes#2", 2)).build();

        StockPosition position = position();
        assertThat(position.available()).isEqualTo(5);
        assertThat(position.reservationWrites()).containsOnlyKeys(StockPosition.reservationKey("SKU-A", "o-1", 1),
                StockPosition.reservationKey("SKU-A", "o#with#hashes", 2));
        assertThat(position.toLevel().getReservations()).isEmpty();
        assertThat(apply(position.reserve("o-1", 1, 3))).as("still the same line").isInstanceOf(Outcome.Unchanged.class);

        assertThat(store.get(StockPosition.reservationKey("SKU-A", "o#with#hashes", 2)).getQuantity()).isEqualTo(2);
        assertThat(level.getReservedTotal()).isEqualTo(5);
        assertThat(level.getReservationCount()).isEqualTo(2);
        assertThat(apply(position().release("o#with#hashes", 2))).isEqualTo(new Outcome.Released(2));
        assertThat(position().available()).isEqualTo(7);
    }

    @Test
    void anAdjustmentThatWouldTakeReservedUnitsStagesNothing() {
        apply(position().adjust(5, null));
        apply(position().reserve("o-1", 1, 4));
        StockPosition position = position();

        assertThatThrownBy(() -> position.adjust(-2, null)).isInstanceOf(InvalidStockCommandException.class);
        assertThat(position.reservationWrites()).isEmpty();
    }

    /** The first release's rules, with the reservations in the value: the new layout must answer every command the same. */
    @Test
    void answersEverySequenceOfCommandsAsTheEmbeddedMapDidAndAvailableNeverGoesNegative() {
        Gen<int[]> command = integers().between(0, 3).zip(integers().between(1, 6), integers().between(-8, 8),
                (kind, order, amount) -> new int[] {kind, order, amount});
        qt().withExamples(300).forAll(lists().of(command).ofSizeBetween(1, 80)).checkAssert(commands -> {
            store.clear();
            level = null;
            Map<String, Integer> modelReservations = new HashMap<>();
            int modelOnHand = 0;
            for (int[] c : commands) {
                String orderId = "o-" + c[1];
                String line = orderId + "#1";
                StockPosition position = position();
                Outcome expected;
                Outcome actual;
                switch (c[0]) {
                    case 0 -> {
                        int quantity = Math.abs(c[2]) + 1;
                        int available = modelOnHand - modelReservations.values().stream().mapToInt(Integer::intValue).sum();
                        if (modelReservations.containsKey(line)) {
                            expected = new Outcome.Unchanged("line already reserved");
                        } else if (quantity > available) {
                            expected = new Outcome.Rejected(quantity, available);
                        } else {
                            modelReservations.put(line, quantity);
                            expected = new Outcome.Reserved(quantity, available - quantity);
                        }
                        actual = position.reserve(orderId, 1, quantity);
                    }
                    case 1 -> {
                        Integer quantity = modelReservations.remove(line);
                        expected = quantity == null ? new Outcome.Unchanged("no reservation to release") : new Outcome.Released(quantity);
                        actual = position.release(orderId, 1);
                    }
                    case 2 -> {
                        Integer quantity = modelReservations.remove(line);
                        if (quantity != null) {
                            modelOnHand -= quantity;
                        }
                        expected = quantity == null ? new Outcome.Unchanged("no reservation to commit")
                                : new Outcome.Committed(quantity, modelOnHand);
                        actual = position.commit(orderId, 1);
                    }
                    default -> {
                        int available = modelOnHand - modelReservations.values().stream().mapToInt(Integer::intValue).sum();
                        if (available + c[2] < 0) {
                            assertThatThrownBy(() -> position.adjust(c[2], null)).isInstanceOf(InvalidStockCommandException.class);
                            continue; // nothing written, as StockLedger writes nothing when a command throws
                        }
                        modelOnHand += c[2];
                        expected = new Outcome.Adjusted(modelOnHand);
                        actual = position.adjust(c[2], null);
                    }
                }
                assertThat(apply(position, actual)).isEqualTo(expected);
                assertThat(level.getOnHand()).isEqualTo(modelOnHand);
                assertThat(level.getReservedTotal()).isEqualTo(modelReservations.values().stream().mapToInt(Integer::intValue).sum())
                        .isEqualTo(store.values().stream().mapToInt(StockReservation::getQuantity).sum());
                assertThat(level.getReservationCount()).isEqualTo(store.size()).isEqualTo(modelReservations.size());
                assertThat(position().available()).isNotNegative();
            }
        });
    }

    private StockPosition position() {
        lastPosition = StockPosition.of("SKU-A", level, store::get);
        return lastPosition;
    }

    /** What StockLedger does after the command: the staged reservation writes, then the level. */
    private Outcome apply(Outcome outcome) {
        return apply(lastPosition, outcome);
    }

    private Outcome apply(StockPosition position, Outcome outcome) {
        position.reservationWrites().forEach((key, reservation) -> {
            if (reservation == null) {
                store.remove(key);
            } else {
                store.put(key, reservation);
            }
        });
        level = position.toLevel();
        return outcome;
    }
}
