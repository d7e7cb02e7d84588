package org.commercecore.platform.http.api;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** JSON types in the words of the API's problems: what a field expects and what a client sent instead. */
final class JsonTypes {
    private static final Set<Class<?>> INTEGERS = Set.of(Integer.class, Long.class, Short.class, Byte.class, BigInteger.class,
            int.class, long.class, short.class, byte.class);
    private static final Set<Class<?>> NUMBERS = Set.of(Double.class, Float.class, BigDecimal.class, double.class, float.class);

    private JsonTypes() {
    }

    /** What a value bound to {@code target} must be; the Java type itself is never shown. */
    static String expected(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(target) || UUID.class == target || Temporal.class.isAssignableFrom(target)
                || target.isEnum() || char.class == target || Character.class == target) {
            return "a JSON string";
        }
        if (INTEGERS.contains(target)) {
            return "a JSON integer";
        }
        if (NUMBERS.contains(target)) {
            return "a JSON number";
        }
        if (Boolean.class == target || boolean.class == target) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /** The range a bound integer has, as {@code " from MIN to MAX"}, or nothing when it has none to tell. */
    static String range(Class<?> target) {
        if (target == Integer.class || target == int.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (target == Long.class || target == long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return " that fits this field";
    }

    static String found(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            default -> "another value";
        };
    }
}
