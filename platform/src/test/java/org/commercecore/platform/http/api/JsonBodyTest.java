package org.commercecore.platform.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies as a client sends them, bad ones included, through a real server and one route reading with JsonBody. */
class JsonBodyTest {
    private static final String JSON = "application/json";
    /** What a problem must never show: Java classes, Jackson's tokens and vocabulary. */
    private static final List<String> LEAKS = List.of("$", "org.", "com.", "java.", "START_", "END_", "VALUE_", "FIELD_NAME",
            "JsonToken", "Jackson", "coerc", "`", "Exception");
    private static final ObjectMapper READ = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Metrics metrics;
    private static ApiServer server;

    record Line(String sku, Integer quantity) {
    }

    record Thing(String name, Integer quantity, Long priceMinor, Boolean gift, List<Line> lines) {
    }

    @BeforeAll
    static void start() {
        metrics = new Metrics("json-body-test");
        server = ApiServer.start(ApiServer.create(new OpsEndpoints(metrics), OpenApiDocument.fromResource("/json-body-test.openapi.yaml"),
                config -> {
                    config.routes.post("/things", ctx -> ctx.json(thing(JsonBody.read(ctx, Thing.class))));
                    config.routes.patch("/things", ctx -> ctx.json(thing(JsonBody.read(ctx, Thing.class))));
                    config.routes.post("/maybe", ctx -> ctx.json(Map.of("given", JsonBody.readIfPresent(ctx, Thing.class).isPresent())));
                    config.routes.post("/lenient", ctx -> ctx.json(ctx.bodyAsClass(Thing.class)));
                }), "127.0.0.1", 0);
    }

    /** The domain's part, as a route would have it: a required field. */
    private static Thing thing(Thing thing) {
        Validation v = new Validation();
        v.present(thing.name(), "name");
        v.orThrow();
        return thing;
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void aWellFormedBodyIsBoundWithSnakeCaseNamesAndTextKeptExactly() throws Exception {
        String name = "Kettle \u00e9\u20ac \ud83d\ude00 \\\"quoted\\\"";
        HttpResponse<String> ok = post("/things", JSON + "; charset=UTF-8", "{\"name\": \"" + name + "\", \"quantity\": 2,"
                + " \"price_minor\": 2490, \"gift\": false, \"lines\": [{\"sku\": \"A-1\", \"quantity\": 1}, {\"sku\": \"B\"}]}\r\n");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = READ.readTree(ok.body());
        assertThat(body.path("name").asText()).isEqualTo("Kettle \u00e9\u20ac \ud83d\ude00 \"quoted\"");
        assertThat(body.path("quantity").asInt()).isEqualTo(2);
        assertThat(body.path("price_minor").asLong()).isEqualTo(2490);
        assertThat(body.path("gift").asBoolean(true)).isFalse();
        assertThat(body.path("lines").get(1).path("quantity").isNull()).isTrue();
        assertThat(post("/things", "Application/JSON", "{\"name\":\"x\"}").statusCode()).isEqualTo(200);
        assertThat(post("/things", "application/json;charset=\"utf-8\"", "{\"name\":\"x\"}").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("otherMediaTypes")
    void aBodyThatIsNotApplicationJsonIs415SayingWhatIsAccepted(String contentType) throws Exception {
        HttpResponse<String> refused = post("/things", contentType, "{\"name\":\"x\"}");
        JsonNode problem = assertProblem(refused, 415);
        assertThat(problem.path("detail").asText()).contains("application/json");
    }

    static Stream<String> otherMediaTypes() {
        return Stream.of(null, "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/jsonx",
                "application/json; version=2");
    }

    @Test
    void aPatchRefusedFor415NamesTheTypeItAccepts() throws Exception {
        HttpResponse<String> refused = send("PATCH", "/things", "text/plain", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(refused, 415);
        assertThat(refused.headers().firstValue("Accept-Patch")).hasValue(JSON);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("notOneObject")
    void aBodyThatIsNotOneJsonObjectIs400(String body, String field, String message) throws Exception {
        JsonNode problem = assertProblem(post("/things", JSON, body), 400);
        if (field != null) {
            assertThat(errors(problem)).containsOnlyKeys(field);
            assertThat(errors(problem).get(field)).contains(message);
        } else {
            assertThat(problem.path("errors").isMissingNode()).as("no field to name").isTrue();
            assertThat(problem.path("title").asText()).isEqualTo("The body is not valid JSON");
            assertThat(problem.path("detail").asText()).contains(message);
        }
    }

    static Stream<Arguments> notOneObject() {
        return Stream.of(
                Arguments.of("", "body", "is required"),
                Arguments.of("  \r\n", "body", "is required"),
                Arguments.of("null", "body", "must be a JSON object, not null"),
                Arguments.of("[{\"name\":\"x\"}]", "body", "must be a JSON object, not an array"),
                Arguments.of("\"x\"", "body", "not a string"),
                Arguments.of("1", "body", "not an integer"),
                Arguments.of("true", "body", "not a boolean"),
                Arguments.of("{\"name\":\"x\"} trailing", null, "nothing after it"),
                Arguments.of("{\"name\":\"x\"}{\"name\":\"y\"}", null, "nothing after it"),
                Arguments.of("{\"name\":\"x\"}\n[]", null, "line 2, column 1"),
                Arguments.of("{\"name\":\"x\"} null", null, "nothing after it"),
                Arguments.of("{\"name\": ", null, "ends before its JSON is complete"),
                Arguments.of("{\"name\": 'x'}", null, "is not valid JSON at line 1, column 10"),
                Arguments.of("{\"name\":\"x\",}", null, "is not valid JSON"),
                Arguments.of("{\"name\":\"x\", \"name\":\"y\"}", "name", "is given more than once"),
                Arguments.of("{\"lines\":[{\"sku\":\"a\",\"sku\":\"b\"}]}", "lines[0].sku", "is given more than once"),
                Arguments.of("{\"name\":\"x\", \"admin\": true}", "admin", "is not a known field (known: gift, lines, name, price_minor, quantity)"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsRefusedNotConverted(String fields, String field, String message) throws Exception {
        JsonNode problem = assertProblem(post("/things", JSON, "{\"name\":\"x\", " + fields + "}"), 400);
        assertThat(problem.path("title").asText()).isEqualTo("The request is not valid");
        assertThat(errors(problem)).containsOnlyKeys(field);
        assertThat(errors(problem).get(field)).isEqualTo(message);
        assertThat(problem.path("detail").asText()).isEqualTo(field + ": " + message);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("\"quantity\": 1.5", "quantity", "must be a JSON integer, not a number with a fraction or exponent"),
                Arguments.of("\"quantity\": 1.0", "quantity", "must be a JSON integer, not a number with a fraction or exponent"),
                Arguments.of("\"quantity\": 1e2", "quantity", "must be a JSON integer, not a number with a fraction or exponent"),
                Arguments.of("\"quantity\": \"1\"", "quantity", "must be a JSON integer, not a string"),
                Arguments.of("\"quantity\": true", "quantity", "must be a JSON integer, not a boolean"),
                Arguments.of("\"quantity\": [1]", "quantity", "must be a JSON integer, not an array"),
                Arguments.of("\"quantity\": 2147483648", "quantity", "must be a JSON integer from -2147483648 to 2147483647"),
                Arguments.of("\"price_minor\": \"2490\"", "price_minor", "must be a JSON integer, not a string"),
                Arguments.of("\"price_minor\": 24.90", "price_minor", "must be a JSON integer, not a number with a fraction or exponent"),
                Arguments.of("\"gift\": \"true\"", "gift", "must be true or false, not a string"),
                Arguments.of("\"gift\": 1", "gift", "must be true or false, not an integer"),
                Arguments.of("\"lines\": {}", "lines", "must be a JSON array, not an object"),
                Arguments.of("\"lines\": \"\"", "lines", "must be a JSON array, not a string"),
                Arguments.of("\"lines\": [1]", "lines[0]", "must be a JSON object, not an integer"),
                Arguments.of("\"lines\": [{\"sku\": \"a\"}, {\"quantity\": \"2\"}]", "lines[1].quantity", "must be a JSON integer, not a string"),
                Arguments.of("\"lines\": [{\"sku\": 7}]", "lines[0].sku", "must be a JSON string, not an integer"),
                Arguments.of("\"lines\": [{\"size\": 7}]", "lines[0].size", "is not a known field (known: quantity, sku)"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("stringsThatAreNotStrings")
    void aNumberOrBooleanIsNotAString(String value, String found) throws Exception {
        JsonNode problem = assertProblem(post("/things", JSON, "{\"name\": " + value + "}"), 400);
        assertThat(errors(problem)).containsExactly(Map.entry("name", "must be a JSON string, not " + found));
    }

    static Stream<Arguments> stringsThatAreNotStrings() {
        return Stream.of(Arguments.of("1", "an integer"), Arguments.of("1.5", "a number with a fraction or exponent"),
                Arguments.of("true", "a boolean"), Arguments.of("{}", "an object"), Arguments.of("[\"x\"]", "an array"));
    }

    @Test
    void nullForARequiredFieldIsTheDomainsRequiredError() throws Exception {
        JsonNode problem = assertProblem(post("/things", JSON, "{\"name\": null}"), 400);
        assertThat(errors(problem)).containsExactly(Map.entry("name", "is required"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("textThatIsNotText")
    void nulOtherControlsAndUnpairedSurrogatesAreRefusedNamingTheField(String body, String field, String message) throws Exception {
        JsonNode problem = assertProblem(post("/things", JSON, body), 400);
        assertThat(errors(problem)).containsExactly(Map.entry(field, message));
    }

    static Stream<Arguments> textThatIsNotText() {
        String nul = "contains U+0000 (NUL), which is not accepted";
        return Stream.of(
                Arguments.of("{\"name\": \"a\\u0000b\"}", "name", nul),
                Arguments.of("{\"name\": \"a\u0000b\"}", "name", nul),
                Arguments.of("{\"name\": \"x\", \"lines\": [{\"sku\": \"\\u0000\"}]}", "lines[0].sku", nul),
                Arguments.of("{\"name\": \"\\ud800\"}", "name", "contains an unpaired surrogate (\\uD800), which is not text"),
                Arguments.of("{\"name\": \"x\\ud83d y\"}", "name", "contains an unpaired surrogate (\\uD83D), which is not text"),
                Arguments.of("{\"name\": \"\\ude00x\"}", "name", "contains an unpaired surrogate (\\uDE00), which is not text"),
                Arguments.of("{\"na\\u0000me\": \"x\"}", "na\\u0000me", nul),
                Arguments.of("{\"name\": \"a\\u0001b\"}", "name", control("0001")),
                Arguments.of("{\"name\": \"bell\\u0007\"}", "name", control("0007")),
                Arguments.of("{\"name\": \"\\u001b[31mred\"}", "name", control("001B")),
                Arguments.of("{\"name\": \"\\u001F\"}", "name", control("001F")),
                Arguments.of("{\"name\": \"\\u007f\"}", "name", control("007F")),
                Arguments.of("{\"name\": \"raw \u007f DEL\"}", "name", control("007F")),
                Arguments.of("{\"name\": \"x\", \"lines\": [{\"sku\": \"A\\u000b\"}]}", "lines[0].sku", control("000B")));
    }

    private static String control(String hex) {
        return "contains the control character U+" + hex + ", which is not accepted"
                + " (of the controls, only tab, line feed and carriage return are)";
    }

    @Test
    void tabLineFeedAndCarriageReturnAreKeptInAString() throws Exception {
        HttpResponse<String> ok = post("/things", JSON, "{\"name\": \"a\\tb\\nc\\r\\nd \\u0020 \\u00a0\"}");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(READ.readTree(ok.body()).path("name").asText()).isEqualTo("a\tb\nc\r\nd \u0020 \u00a0");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("byteOrderMarks")
    void aBodyStartingWithAByteOrderMarkIsRefusedSayingSo(String hex, String which) throws Exception {
        byte[] mark = java.util.HexFormat.of().parseHex(hex);
        byte[] json = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[mark.length + json.length];
        System.arraycopy(mark, 0, body, 0, mark.length);
        System.arraycopy(json, 0, body, mark.length, json.length);

        JsonNode problem = assertProblem(send("POST", "/things", JSON, body), 400);
        assertThat(problem.path("title").asText()).isEqualTo("The body is not valid JSON");
        assertThat(problem.path("detail").asText())
                .isEqualTo("the body starts with a " + which + " byte order mark; send UTF-8 without one (RFC 8259, section 8.1)");
    }

    static Stream<Arguments> byteOrderMarks() {
        return Stream.of(Arguments.of("efbbbf", "UTF-8"), Arguments.of("feff", "UTF-16"), Arguments.of("fffe", "UTF-16"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("bytesThatAreNotUtf8")
    void bytesThatAreNotUtf8AreRefusedNamingTheField(String hex) throws Exception {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] head = "{\"quantity\": 1, \"name\": \"ab".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "cd\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

        JsonNode problem = assertProblem(send("POST", "/things", JSON, body), 400);
        assertThat(problem.path("title").asText()).isEqualTo("The body is not valid JSON");
        assertThat(problem.path("detail").asText()).isEqualTo("the body is not valid UTF-8 (at byte " + head.length + ")");
        assertThat(errors(problem)).containsExactly(Map.entry("name", "is not valid UTF-8"));
    }

    static Stream<String> bytesThatAreNotUtf8() {
        return Stream.of("ff", "80", "c3", "c0af", "eda080", "f4908080", "e282");
    }

    @Test
    void anOptionalBodyMayBeLeftOutButNotSentBad() throws Exception {
        assertThat(READ.readTree(send("POST", "/maybe", null, new byte[0]).body()).path("given").asBoolean()).isFalse();
        assertThat(READ.readTree(post("/maybe", JSON, "{\"name\":\"x\"}").body()).path("given").asBoolean()).isTrue();
        assertProblem(post("/maybe", JSON, "null"), 400);
        assertProblem(post("/maybe", "text/plain", "{}"), 415);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertProblem(post("/things", JSON, big), 413);
    }

    @Test
    void aRouteCannotReadItsBodyAroundJsonBody() throws Exception {
        HttpResponse<String> failed = post("/lenient", JSON, "{\"name\":\"x\"}");
        assertThat(failed.statusCode()).as("ctx.bodyAsClass is refused, so no route can accept what JsonBody refuses").isEqualTo(500);
    }

    /** A problem document with the status, the request id, and nothing of the server's insides. */
    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.CONTENT_TYPE));
        assertThat(response.headers().firstValue(ApiServer.REQUEST_ID)).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        for (String leak : LEAKS) {
            assertThat(response.body()).as("shows no " + leak).doesNotContain(leak);
        }
        JsonNode problem = READ.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("https://");
        return problem;
    }

    private static Map<String, String> errors(JsonNode problem) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        problem.path("errors").forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
        return errors;
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
