package org.commercecore.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated bodies of every shape to every route of the command API that takes one, as a caller
 * the route lets in: never a 5xx, every error problem+json with a request id, a refused body
 * writes nothing, and an accepted one is stored exactly as sent, field by field. A failure shows
 * the smallest body found that breaks it, and the seed (rerun it with -DQT_SEED=...).
 */
@ExtendWith(ApisExtension.class)
class RequestBodyPropertiesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode STRING = JSON.createObjectNode().put("type", "string");

    /** Fields whose valid values are the system's own: an order line's SKU is mostly one that exists, so orders get placed. */
    private static final Map<String, Gen<Json>> KNOWN_VALUES = Map.of("sku",
            Generate.frequency(List.of(Pair.of(3, Generate.constant(new Json.Str(Actors.SKU))), Pair.of(1, Bodies.valid(STRING)))));

    record Attempt(ApiOperation operation, Bodies.Body body) {
        @Override
        public String toString() {
            return operation + " with " + body;
        }
    }

    static Gen<Attempt> attempts() {
        return Generate.pick(ApiOperation.of(ApiOperation.Api.COMMAND).stream().filter(o -> o.body().isPresent()).toList())
                .flatMap(operation -> Bodies.of(operation.body().orElseThrow(), KNOWN_VALUES).map(body -> new Attempt(operation, body)));
    }

    @Test
    void anyBodyIsRefusedCleanlyOrStoredAsSent(Apis apis) {
        Tally.check(attempts(), (attempt, tally) -> attempt(apis, attempt, tally));
    }

    private static void attempt(Apis apis, Attempt attempt, Tally tally) {
        Requests requests = new Requests(apis.actors());
        ApiOperation operation = attempt.operation();
        Map<String, String> pathValues = new java.util.HashMap<>(requests.pathValues(operation));
        if (pathValues.containsKey("id")) {
            pathValues.put("id", apis.actors().generated().orderId()); // the order of the customer these requests act as
        }
        Http.Request request = Http.Request.of(operation.method(), Requests.path(operation, pathValues))
                .withToken(token(apis.actors(), operation)).withHeader("Content-Type", attempt.body().contentType())
                .withBody(attempt.body().bytes());
        for (String header : operation.requiredHeaders()) {
            request = request.withHeader(header, UUID.randomUUID().toString());
        }
        Map<String, String> before = apis.writeSide().fingerprint();
        Http.Reply reply = Http.send(apis.commandApi(), request);
        Map<String, String> after = apis.writeSide().fingerprint();

        tally.count(operation.toString(), reply.status());
        Answers.wellBehaved(attempt, reply, before, after);
        if (reply.status() < 300 && !(operation.bodyOptional() && attempt.body().blank())) {
            assertThat(attempt.body().object()).as("%s was accepted, but it is not one JSON object", attempt).isNotNull();
            assertThat(attempt.body().object().namesUnique()).as("%s was accepted with a name twice", attempt).isTrue();
            StoredAsSent.check(apis, attempt, json(reply.body()));
        }
    }

    /** The caller a route lets in: none for public routes, the admin for admin routes, else the generated requests' customer. */
    private static String token(Actors actors, ApiOperation operation) {
        return switch (operation.access()) {
            case PUBLIC -> null;
            case ADMIN -> actors.token(Role.ADMIN);
            case SELF, OWNER -> actors.generated().token();
        };
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back what an accepted body wrote and compares each field the body held. */
    static final class StoredAsSent {
        private StoredAsSent() {
        }

        static void check(Apis apis, Attempt attempt, JsonNode reply) {
            Json.Obj sent = attempt.body().object();
            WriteSide db = apis.writeSide();
            Map<String, String> row = switch (attempt.operation().name()) {
                case "POST /users" -> db.row("SELECT email, display_name FROM users WHERE id = ?::uuid", reply.path("id").asText());
                case "PATCH /users/me" -> db.row("SELECT email, display_name FROM users WHERE id = ?::uuid", apis.actors().generated().userId());
                case "PUT /products/{sku}" -> db.row("SELECT name, price_minor, currency, low_stock_threshold FROM products WHERE sku = ?",
                        Actors.SKU);
                case "POST /products/{sku}/stock-adjustments" -> db.row("SELECT quantity_delta, reason, note, low_stock_threshold"
                        + " FROM stock_adjustments WHERE sku = ? ORDER BY created_at DESC, id LIMIT 1", Actors.SKU);
                case "POST /orders/{id}/cancel" -> db.row("SELECT reason FROM order_commands WHERE id = ?::uuid", reply.path("command_id").asText());
                case "POST /orders" -> db.row("SELECT (SELECT string_agg(l->>'sku' || '=' || (l->>'quantity'), ',' ORDER BY (l->>'line_no')::int)"
                        + " FROM jsonb_array_elements(lines) l) AS lines FROM orders WHERE id = ?::uuid", reply.path("order_id").asText());
                default -> Map.of(); // login, refresh, logout store no field of the body
            };
            if (attempt.operation().name().equals("POST /orders")) {
                assertThat(row.get("lines")).as("%s: the lines stored", attempt).isEqualTo(lines(sent));
                return;
            }
            for (Json.Field field : sent.fields()) {
                if (row.containsKey(field.name()) && field.value().asStored() != null) {
                    assertThat(row.get(field.name())).as("%s: %s stored as sent", attempt, field.name()).isEqualTo(field.value().asStored());
                }
            }
        }

        private static String lines(Json.Obj order) {
            StringBuilder lines = new StringBuilder();
            for (Json line : ((Json.Arr) order.get("lines")).items()) {
                Json.Obj fields = (Json.Obj) line;
                lines.append(lines.isEmpty() ? "" : ",").append(fields.get("sku").asStored()).append('=').append(fields.get("quantity").asStored());
            }
            return lines.toString();
        }
    }
}
