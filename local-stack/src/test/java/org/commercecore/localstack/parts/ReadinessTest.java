package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {
    /** What a Streams app's /health/ready answered while restoring after a crash (issue 28). */
    static final String RESTORING = """
            {"status":"DOWN","checks":{"service":{"up":true,"detail":"running"},
             "streams":{"detail":"REBALANCING","up":false},
             "state":{"up":false,"detail":"4 store partition(s) restoring, 114 record(s) to go"},
             "kafka":{"up":true,"detail":"1 broker(s)"}}}""";

    @Test
    void readsTheRestorationAndTheRecordsToGoFromAStreamsAppsReadiness() {
        Readiness readiness = Readiness.parse(RESTORING);

        assertThat(readiness.restoring()).contains("4 store partition(s) restoring, 114 record(s) to go");
        assertThat(readiness.recordsToGo()).hasValue(114);
        assertThat(readiness.failingChecks())
                .isEqualTo("streams: REBALANCING; state: 4 store partition(s) restoring, 114 record(s) to go");
    }

    @Test
    void noRestorationWhenNoStoreIsRestoring() {
        Readiness readiness = Readiness.parse("""
                {"checks":{"streams":{"up":false,"detail":"REBALANCING"},"state":{"up":true,"detail":"no store restoring"}},
                 "status":"DOWN"}""");

        assertThat(readiness.restoring()).isEmpty();
        assertThat(readiness.recordsToGo()).isEmpty();
        assertThat(readiness.failingChecks()).isEqualTo("streams: REBALANCING");
    }

    @Test
    void aBodyOfAnotherFormIsShownAsItCame() {
        assertThat(Readiness.parse("{\"status\":\"OUT_OF_SERVICE\"}").failingChecks()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
        assertThat(Readiness.parse("Service Unavailable").failingChecks()).isEqualTo("Service Unavailable");
        assertThat(Readiness.parse("").failingChecks()).isEqualTo("(empty body)");
        assertThat(Readiness.parse("x".repeat(1000)).failingChecks()).hasSize(303).endsWith("...");
    }
}
