package org.commercecore.connectors.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connector left with failed tasks is restarted, less and less often while it keeps failing. */
class FailedTaskRestartsTest {
    private static final Duration POLL = Duration.ofSeconds(15);
    private static final String SINK_TASK_FAILED = """
            {"sink": {"status": {"connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "FAILED", "trace": "db gone"}]}},
             "source": {"status": {"connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "RUNNING"}]}}}""";
    private static final String ALL_RUNNING = """
            {"sink": {"status": {"connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "RUNNING"}]}},
             "source": {"status": {"connector": {"state": "RUNNING"}, "tasks": [{"id": 0, "state": "RUNNING"}]}}}""";

    private final List<String> restarted = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Instant now = Instant.parse("2026-12-08T00:00:00Z");
    private final FailedTaskRestarts restarts = new FailedTaskRestarts(restarted::add, POLL, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, meters);

    @Test
    void restartsOnlyTheConnectorWithAFailedTaskAndCountsIt() throws Exception {
        restarts.after(json(SINK_TASK_FAILED));

        assertThat(restarted).containsExactly("sink");
        assertThat(meters.get("commerce.connect.restarts").tag("connector", "sink").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailedConnectorItselfIsRestartedToo() throws Exception {
        restarts.after(json("""
                {"sink": {"status": {"connector": {"state": "FAILED", "trace": "no"}, "tasks": []}}}"""));

        assertThat(restarted).containsExactly("sink");
    }

    @Test
    void whileItKeepsFailingEachRestartWaitsTwiceAsLong() throws Exception {
        restarts.after(json(SINK_TASK_FAILED)); // restart 1, the next not before 15 s
        advance(Duration.ofSeconds(14));
        restarts.after(json(SINK_TASK_FAILED));
        assertThat(restarted).hasSize(1);
        advance(Duration.ofSeconds(1));
        restarts.after(json(SINK_TASK_FAILED)); // restart 2, the next not before 30 s
        advance(Duration.ofSeconds(29));
        restarts.after(json(SINK_TASK_FAILED));
        assertThat(restarted).hasSize(2);
        advance(Duration.ofSeconds(1));
        restarts.after(json(SINK_TASK_FAILED));
        assertThat(restarted).hasSize(3);
        assertThat(restarts.backoff(30)).isEqualTo(FailedTaskRestarts.LONGEST);
    }

    @Test
    void aConnectorSeenHealthyStartsOverFromTheFirstWait() throws Exception {
        restarts.after(json(SINK_TASK_FAILED));
        advance(POLL);
        restarts.after(json(SINK_TASK_FAILED)); // the second in a row: the next would wait 30 s
        restarts.after(json(ALL_RUNNING));
        restarts.after(json(SINK_TASK_FAILED)); // a new failure: restarted at once

        assertThat(restarted).containsExactly("sink", "sink", "sink");
    }

    private void advance(Duration by) {
        now = now.plus(by);
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
