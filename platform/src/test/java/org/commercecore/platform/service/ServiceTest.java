package org.commercecore.platform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private AutoCloseable part(String name) {
        return () -> closed.add(name);
    }

    @Test
    void stopsHttpThenPeersThenStreamsThenClientsWhateverTheStartOrder() {
        Service service = new Service("probe");
        service.add(Service.Stage.CLIENTS, "redis", part("redis"));
        service.add(Service.Stage.PEERS, "grpc", part("grpc"));
        service.add(Service.Stage.STREAMS, "streams", part("streams"));
        service.add(Service.Stage.CLIENTS, "metrics", part("metrics"));
        service.add(Service.Stage.HTTP, "http", part("http"));

        service.close();

        // within a stage, the part started last stops first
        assertThat(closed).containsExactly("http", "grpc", "streams", "metrics", "redis");
    }

    @Test
    void aPartThatFailsToStopDoesNotKeepTheRestRunning() {
        Service service = new Service("probe");
        service.add(Service.Stage.STREAMS, "streams", part("streams"));
        service.add(Service.Stage.HTTP, "http", () -> {
            throw new IllegalStateException("jetty would not stop");
        });

        service.close();

        assertThat(closed).containsExactly("streams");
    }

    @Test
    void readinessTurnsFalseBeforeTheFirstPartStops() {
        Service service = new Service("probe");
        List<Boolean> readyWhileHttpStopped = new CopyOnWriteArrayList<>();
        service.add(Service.Stage.HTTP, "http", () -> readyWhileHttpStopped.add(service.notStopping().check().up()));
        assertThat(service.notStopping().check().up()).isTrue();

        service.close();

        assertThat(readyWhileHttpStopped).containsExactly(false);
        assertThat(service.notStopping().check().detail()).isEqualTo("stopping");
    }

    @Test
    void closingTwiceStopsEachPartOnce() {
        Service service = new Service("probe");
        service.add(Service.Stage.HTTP, "http", part("http"));

        service.close();
        service.close();

        assertThat(closed).containsExactly("http");
    }

    @Test
    void aPartStartedWhileStoppingIsClosedAtOnceAndRefused() {
        Service service = new Service("probe");
        service.close();

        assertThatThrownBy(() -> service.add(Service.Stage.STREAMS, "late streams", part("late streams")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
        assertThat(closed).containsExactly("late streams");
    }

    @Test
    void aStartThatFailsStopsWhatHadStarted() {
        Service service = new Service("probe");

        assertThatThrownBy(() -> service.startOrStop(s -> {
            s.add(Service.Stage.CLIENTS, "redis", part("redis"));
            throw new IllegalStateException("PostgreSQL is not answering");
        })).hasMessage("PostgreSQL is not answering");
        assertThat(closed).containsExactly("redis");
        assertThat(service.isStopping()).isTrue();
    }

    @Test
    void aFailureStopsTheServiceAndSaysWhy() throws Exception {
        Service service = new Service("probe");
        service.add(Service.Stage.STREAMS, "streams", part("streams"));

        service.stopBecause("Kafka Streams stopped (state ERROR)");

        assertThat(service.awaitStopped(10, TimeUnit.SECONDS)).isTrue();
        assertThat(closed).containsExactly("streams");
        assertThat(service.failure()).isEqualTo("Kafka Streams stopped (state ERROR)");
    }

    @Test
    void aRequestedStopIsNoFailure() throws Exception {
        Service service = new Service("probe");
        service.close();
        service.stopBecause("streams stopped because we closed them");

        assertThat(service.awaitStopped(1, TimeUnit.SECONDS)).isTrue();
        assertThat(service.failure()).isNull();
    }
}
