package org.commercecore.apitests;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** The few combinators the generators need beyond QuickTheories' own. */
final class Gens {
    private Gens() {
    }

    /** One value of each generator, in order. */
    static <T> Gen<List<T>> sequence(List<Gen<? extends T>> gens) {
        return random -> {
            List<T> values = new ArrayList<>(gens.size());
            for (Gen<? extends T> gen : gens) {
                values.add(gen.generate(random));
            }
            return values;
        };
    }

    @SafeVarargs
    static <T> Gen<T> weighted(Pair<Integer, Gen<T>>... choices) {
        return Generate.frequency(List.of(choices));
    }

    static <T> Pair<Integer, Gen<T>> weight(int weight, Gen<T> gen) {
        return Pair.of(weight, gen);
    }

    @SafeVarargs
    static <T> Gen<T> pick(T... values) {
        return Generate.pick(List.of(values));
    }

    static <T> Gen<List<T>> lists(Gen<T> items, int min, int max) {
        return SourceDSL.lists().of(items).ofSizeBetween(min, max);
    }

    static Gen<byte[]> bytes(int min, int max) {
        return Generate.byteArrays(Generate.range(min, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** A string of {@code min..max} characters, each from {@code alphabet}. */
    static Gen<String> stringsOf(String alphabet, int min, int max) {
        return lists(Generate.range(0, alphabet.length() - 1).map(alphabet::charAt), min, max).map(chars -> {
            StringBuilder out = new StringBuilder(chars.size());
            chars.forEach(out::append);
            return out.toString();
        });
    }

    static Gen<String> repeated(String unit, int min, int max) {
        return Generate.range(min, max).map(unit::repeat);
    }
}
