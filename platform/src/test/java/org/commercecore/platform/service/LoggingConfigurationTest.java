package org.commercecore.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** The services' log4j2.xml (main resources, not the tests' own), in both formats, on a context of its own. */
class LoggingConfigurationTest {
    private static final String FORMAT_PROPERTY = "commerce.log.format";

    @Test
    void jsonLinesAreEcsDocumentsWithTheTraceIdsAndTheStackTrace() throws Exception {
        List<String> lines = logWith("json");

        assertThat(lines).hasSize(2);
        JsonNode info = new ObjectMapper().readTree(lines.get(0));
        assertThat(info.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(info.get("log.level").asText()).isEqualTo("INFO");
        assertThat(info.get("log.logger").asText()).isEqualTo("org.commercecore.probe");
        assertThat(info.get("message").asText()).isEqualTo("order o-1 \"placed\"");
        assertThat(info.get("trace.id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(info.get("span.id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(info.get("service.name").asText()).isNotBlank();
        JsonNode error = new ObjectMapper().readTree(lines.get(1));
        assertThat(error.get("log.level").asText()).isEqualTo("ERROR");
        assertThat(error.get("error.type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.get("error.stack_trace").asText()).contains("LoggingConfigurationTest");
    }

    @Test
    void textLinesAreReadableAndNameTheTrace() throws Exception {
        List<String> lines = logWith("text");

        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO +probe +\\[4bf92f3577b34da6a3ce929d0e0e4736] order o-1 \"placed\"");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("java.lang.IllegalStateException: boom"));
    }

    private static List<String> logWith(String format) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty(FORMAT_PROPERTY, format);
        // the console appender takes System.out as it is when the configuration starts
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        URI config = LoggingConfigurationTest.class.getResource("/log4j2.xml").toURI();
        try (LoggerContext context = new LoggerContext("logging-" + format, null, config)) {
            context.start();
            Logger log = context.getLogger("org.commercecore.probe");
            ThreadContext.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
            ThreadContext.put("span_id", "00f067aa0ba902b7");
            log.info("order {} \"placed\"", "o-1");
            ThreadContext.clearMap();
            log.error("failed", new IllegalStateException("boom"));
            context.getLogger("org.apache.kafka.probe").info("a library's info line is left out");
        } finally {
            System.setOut(out);
            System.clearProperty(FORMAT_PROPERTY);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
