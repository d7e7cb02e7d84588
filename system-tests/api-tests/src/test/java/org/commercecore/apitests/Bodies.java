package org.commercecore.apitests;

import static org.commercecore.apitests.Gens.pick;
import static org.commercecore.apitests.Gens.weight;
import static org.commercecore.apitests.Gens.weighted;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Request bodies generated from an operation's JSON schema: mostly objects of the documented shape
 * in which any value may be swapped for a hostile one (wrong type, null, huge or fractional
 * numbers, NUL, control characters, lone surrogates, very long or deeply nested values), names
 * missing, unknown or repeated; and bodies that are not one JSON object at all.
 */
final class Bodies {
    private static final int LONG = 70_000;

    /** What is sent: the bytes, the JSON it was made from (when it is one object) and its content type. */
    record Body(byte[] bytes, Json.Obj object, String contentType, String description) {
        /** No bytes but JSON whitespace: where a body is optional, that is no body at all. */
        boolean blank() {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return description + " as " + contentType + ": " + (text.length() > 400 ? text.substring(0, 400) + "...(" + bytes.length + " bytes)" : text);
        }
    }

    private final Map<String, Gen<Json>> known;

    private Bodies(Map<String, Gen<Json>> known) {
        this.known = known;
    }

    static Gen<Body> of(JsonNode schema) {
        return of(schema, Map.of());
    }

    /** With {@code known}, the valid values of the named fields (at any depth) come from there instead of the schema. */
    static Gen<Body> of(JsonNode schema, Map<String, Gen<Json>> known) {
        return new Bodies(known).bodies(schema);
    }

    private Gen<Body> bodies(JsonNode schema) {
        Gen<Body> objects = object(schema, true).zip(Generate.booleans(), contentTypes(),
                (object, raw, type) -> new Body(object.bytes(raw), object, type, "an object"));
        Gen<Body> valid = validValue(schema).map(Json.Obj.class::cast).zip(Generate.booleans(),
                (object, raw) -> new Body(object.bytes(raw), object, "application/json", "a valid object"));
        return weighted(weight(6, objects), weight(3, valid), weight(3, notOneObject(schema)));
    }

    private static Gen<String> contentTypes() {
        return weighted(weight(20, Generate.constant("application/json")), weight(2, Generate.constant("application/json; charset=utf-8")),
                weight(5, pick("text/plain", "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded",
                        "application/problem+json", "*/*", "application/jsonx", "")));
    }

    /** An object of the schema's shape; with {@code mutate}, any part may be hostile. */
    private Gen<Json.Obj> object(JsonNode schema, boolean mutate) {
        List<Gen<? extends List<Json.Field>>> parts = new ArrayList<>();
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            Gen<Json> value = mutate ? valueOrHostile(name, property.getValue()) : validField(name, property.getValue());
            int present = required.contains(name) ? (mutate ? 9 : 10) : 5;
            Gen<List<Json.Field>> field = value.map(v -> List.of(new Json.Field(name, v)));
            parts.add(present == 10 ? field : weighted(weight(present, field), weight(10 - present, Generate.constant(List.of()))));
        }
        if (mutate) {
            Gen<List<Json.Field>> unknown = hostile().map(v -> List.of(new Json.Field("unexpected", v)));
            List<String> names = names(schema);
            Gen<List<Json.Field>> extra = names.isEmpty() ? unknown : Generate.pick(names)
                    .flatMap(n -> valueOrHostile(n, schema.path("properties").path(n)).map(v -> List.of(new Json.Field(n, v))))
                    .mix(unknown);
            parts.add(weighted(weight(8, Generate.constant(List.of())), weight(2, extra)));
        }
        return Gens.<List<Json.Field>>sequence(parts).map(lists -> {
            List<Json.Field> fields = new ArrayList<>();
            lists.forEach(fields::addAll);
            return new Json.Obj(fields);
        });
    }

    private static List<String> names(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Gen<Json> valueOrHostile(String name, JsonNode schema) {
        return weighted(weight(3, validField(name, schema)), weight(1, hostile()));
    }

    private Gen<Json> validField(String name, JsonNode schema) {
        return known.containsKey(name) ? known.get(name) : validValue(schema);
    }

    /** A value the schema allows, with the known values where they apply. */
    private Gen<Json> validValue(JsonNode schema) {
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "array" -> Gens.lists(validValue(schema.path("items")), schema.path("minItems").asInt(0),
                    Math.min(schema.path("maxItems").asInt(3), 3)).map(Json.Arr::new);
            case "object" -> object(schema, false).map(Json.class::cast);
            default -> valid(schema);
        };
    }

    /** A value the schema allows. */
    static Gen<Json> valid(JsonNode schema) {
        if (schema.has("enum")) {
            List<Json> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(new Json.Str(v.asText())));
            return Generate.pick(values);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("object");
        return switch (type) {
            case "string" -> validString(schema).map(Json.Str::new);
            case "integer" -> Generate.longRange(schema.path("minimum").asLong(-1_000_000), schema.path("maximum").asLong(1_000_000))
                    .map(n -> new Json.Num(Long.toString(n)));
            case "boolean" -> Generate.booleans().map(Json.Bool::new);
            case "array" -> Gens.lists(valid(schema.path("items")), schema.path("minItems").asInt(0),
                    Math.min(schema.path("maxItems").asInt(3), 3)).map(Json.Arr::new);
            default -> new Bodies(Map.of()).object(schema, false).map(Json.class::cast);
        };
    }

    private static Gen<String> validString(JsonNode schema) {
        if ("email".equals(schema.path("format").asText())) {
            return Gens.stringsOf("abcdefghijklmnopqrstuvwxyz0123456789._+-", 1, 20)
                    .zip(Gens.stringsOf("abcdefghijklmnopqrstuvwxyz", 1, 10), (local, domain) -> "g" + local + "@" + domain + ".example");
        }
        if (schema.has("pattern") && schema.get("pattern").asText().equals("^[A-Z]{3}$")) {
            return Gens.stringsOf("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3, 3);
        }
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(200);
        return Gens.lists(text(), min, Math.min(max, 60)).map(parts -> String.join("", parts));
    }

    /** One code point of printable text, from anywhere in Unicode: ASCII, accents, CJK, emoji, RTL, combining marks. */
    private static Gen<String> text() {
        Gen<Integer> codePoint = weighted(
                weight(6, Generate.range(0x20, 0x7e)),
                weight(2, Generate.range(0xa0, 0x2fff)),
                weight(1, Generate.range(0x3000, 0xd7ff)),
                weight(1, Generate.range(0xe000, 0xfffd)),
                weight(1, Generate.range(0x10000, 0x10ffff)));
        return codePoint.map(cp -> printable(cp) ? Character.toString(cp) : "x");
    }

    private static boolean printable(int cp) {
        int type = Character.getType(cp);
        return Character.isDefined(cp) && type != Character.CONTROL && type != Character.FORMAT && type != Character.PRIVATE_USE
                && type != Character.SURROGATE;
    }

    /** Anything a client might send where a value of some type belongs. */
    static Gen<Json> hostile() {
        Gen<Json> numbers = pick("1.5", "-1", "0", "-0", "1e2", "1E400", "-1e400", "123456789012345678901234567890",
                "9223372036854775808", "-9223372036854775809", "2147483648", "0.0000000001", "1.0").map(Json.Num::new);
        Gen<Json> oddStrings = pick("", " ", "1", "true", "null", "a\u0000b", "\u0000", "\ud800", "x\udc00y",
                "\ud83d", "\u0007bell", "tab\there", "line\nbreak", "\u007f", "\u0085", "\ufeffbom", "\u202eevil", "' OR 1=1 --",
                "<script>alert(1)</script>", "${jndi:ldap://x}", "%00", "../../etc/passwd").map(Json.Str::new);
        Gen<Json> anyChars = SourceDSL.strings().allPossible().ofLengthBetween(0, 40).map(Json.Str::new);
        Gen<Json> longStrings = Gens.repeated("x", 201, LONG).map(Json.Str::new);
        return weighted(
                weight(2, Generate.constant(new Json.Null())),
                weight(1, Generate.booleans().map(Json.Bool::new)),
                weight(3, numbers),
                weight(3, oddStrings),
                weight(3, anyChars),
                weight(1, longStrings),
                weight(1, Generate.constant(new Json.Arr(List.of()))),
                weight(1, Generate.constant(new Json.Obj(List.of()))),
                weight(1, Generate.range(2, 5000).map(Json.Nested::new)));
    }

    /** Bodies that are not exactly one JSON object in valid UTF-8. */
    private Gen<Body> notOneObject(JsonNode schema) {
        // hostile() holds {} too, which is one JSON object: a route whose fields are all optional rightly takes it
        Gen<Body> topLevel = hostile().assuming(v -> !(v instanceof Json.Obj))
                .map(v -> new Body(v.bytes(false), null, "application/json", "not an object"));
        Gen<Body> broken = validValue(schema).zip(pick("%s {}", "%s%s", "%s garbage", "%s,", "%s]", "\ufeff%s", "[%s]", "%s\u0000",
                "  %s  \n\n x"), (object, form) -> {
                    String text = new String(object.bytes(false), StandardCharsets.UTF_8);
                    return new Body(form.replace("%s", text).getBytes(StandardCharsets.UTF_8), null, "application/json", "form " + form);
                });
        Gen<Body> truncated = validValue(schema).zip(Generate.range(0, 10_000), (object, cut) -> {
            byte[] bytes = object.bytes(true);
            int n = bytes.length == 0 ? 0 : cut % bytes.length;
            return new Body(Arrays.copyOf(bytes, n), null, "application/json", "cut after " + n + " bytes");
        });
        Gen<Body> badUtf8 = validValue(schema).zip(pick(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28},
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xc0, (byte) 0xaf}),
                (object, bad) -> new Body(insertIntoFirstString(object.bytes(false), bad), null, "application/json", "invalid UTF-8"));
        Gen<Body> bytes = Gens.bytes(0, 200).map(b -> new Body(b, null, "application/json", "random bytes"));
        return Generate.oneOf(topLevel, broken, truncated, badUtf8, bytes);
    }

    private static byte[] insertIntoFirstString(byte[] json, byte[] bad) {
        int quote = -1;
        for (int i = 0, colonSeen = 0; i < json.length; i++) {
            if (json[i] == ':') {
                colonSeen = 1;
            } else if (json[i] == '"' && colonSeen == 1) {
                quote = i;
                break;
            }
        }
        int at = quote < 0 ? json.length / 2 : quote + 1;
        byte[] out = new byte[json.length + bad.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(json, at, out, at + bad.length, json.length - at);
        return out;
    }
}
