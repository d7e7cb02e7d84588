package org.commercecore.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The body generator really produces both: valid bodies a route accepts, and each kind of hostile one. */
class BodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void generatesValidObjectsAndEveryKindOfBrokenBody() {
        JsonNode schema = ApiOperation.of(ApiOperation.Api.COMMAND).stream().filter(o -> o.name().equals("PUT /products/{sku}"))
                .findFirst().orElseThrow().body().orElseThrow();
        Set<String> kinds = new HashSet<>();
        AtomicInteger validObjects = new AtomicInteger();
        qt().withFixedSeed(42).withExamples(2000).forAll(Bodies.of(schema)).checkAssert(body -> {
            String kind = body.description();
            kinds.add(kind.startsWith("form ") ? "form" : kind.startsWith("cut after") ? "cut" : kind);
            if (kind.equals("a valid object")) {
                JsonNode parsed = parse(body.bytes());
                assertThat(parsed.isObject()).isTrue();
                assertThat(parsed.path("currency").asText()).matches("[A-Z]{3}");
                assertThat(parsed.path("price_minor").asLong()).isNotNegative();
                validObjects.incrementAndGet();
            }
        });
        assertThat(kinds).contains("a valid object", "an object", "not an object", "form", "cut", "invalid UTF-8", "random bytes");
        assertThat(validObjects.get()).isGreaterThan(300);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
