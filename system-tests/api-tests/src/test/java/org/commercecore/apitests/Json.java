package org.commercecore.apitests;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A JSON value as the generators build it, written out byte for byte as chosen: duplicate names,
 * number literals of any form, and strings holding anything a Java string can (a lone surrogate
 * goes out as its {@code \}{@code u} escape, since UTF-8 cannot carry it).
 */
sealed interface Json {

    void write(StringBuilder out, boolean rawNonAscii);

    default byte[] bytes(boolean rawNonAscii) {
        StringBuilder out = new StringBuilder();
        write(out, rawNonAscii);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The text a column holding this value must show (null: not a scalar, nothing to compare). */
    default String asStored() {
        return null;
    }

    record Str(String value) implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7f) {
                    out.append(c);
                } else if (rawNonAscii && c >= 0x80 && !Character.isSurrogate(c)) {
                    out.append(c);
                } else if (rawNonAscii && Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    out.append(c).append(value.charAt(++i));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            out.append('"');
        }

        @Override
        public String asStored() {
            return value;
        }
    }

    /** A number exactly as written: {@code 1}, {@code 1.5}, {@code -0}, {@code 1e400}, ... */
    record Num(String literal) implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append(literal);
        }

        /** Its value in plain digits: {@code -0} is stored as 0 and {@code 1e2} as 100, which is the number sent; {@code 1.5} as 1 is not. */
        @Override
        public String asStored() {
            BigDecimal value = new BigDecimal(literal);
            return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        }
    }

    record Bool(boolean value) implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append(value);
        }
    }

    record Null() implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append("null");
        }
    }

    record Arr(List<Json> items) implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                items.get(i).write(out, rawNonAscii);
            }
            out.append(']');
        }
    }

    record Field(String name, Json value) {
    }

    /** Fields in order, names possibly repeated. */
    record Obj(List<Field> fields) implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                new Str(fields.get(i).name()).write(out, rawNonAscii);
                out.append(':');
                fields.get(i).value().write(out, rawNonAscii);
            }
            out.append('}');
        }

        Json get(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst().orElse(null);
        }

        /** Each name at most once (a body with a repeated name must be refused, so nothing it holds is compared). */
        boolean namesUnique() {
            return fields.stream().map(Field::name).distinct().count() == fields.size();
        }
    }

    /** Nesting of the given depth: what a parser must refuse without running out of stack. */
    record Nested(int depth) implements Json {
        @Override
        public void write(StringBuilder out, boolean rawNonAscii) {
            out.append("[".repeat(depth)).append("]".repeat(depth));
        }
    }
}
