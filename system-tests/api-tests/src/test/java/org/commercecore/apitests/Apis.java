package org.commercecore.apitests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.commercecore.command.CommandApiApp;
import org.commercecore.command.CommandApiConfig;
import org.commercecore.command.auth.LoginThrottle;
import org.commercecore.command.auth.OneTimeCodes;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackAddresses;
import org.commercecore.localstack.junit.TestStack;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.streams.StreamsAppConfigs;
import org.commercecore.query.QueryApiApp;
import org.commercecore.query.QueryApiConfig;

/**
 * What the tests run against, started once per test JVM (by {@link ApisExtension}): the
 * real parts, the command API and two query API instances (so every query route is tried on an
 * instance that owns the key and one that asks its peer), and the {@link Actors}.
 */
final class Apis implements AutoCloseable {
    static final String TOKEN_SECRET = "a-test-secret-that-is-long-enough-0123456789";
    static final String PEER_SECRET = "a-test-peer-secret-that-is-long-enough-0123456789";
    static final String ADMIN_EMAIL = "admin@api-tests.example";
    static final String ADMIN_PASSWORD = "admin-password-for-api-tests";

    private final LocalStack stack;
    private final CommandApiApp.Running command;
    private final List<QueryApiApp.Running> queries;
    private final Actors actors;
    private final WriteSide writeSide;

    private Apis(LocalStack stack, CommandApiApp.Running command, List<QueryApiApp.Running> queries) {
        this.stack = stack;
        this.command = command;
        this.queries = queries;
        this.writeSide = new WriteSide(stack.addresses());
        this.actors = Actors.create(this);
    }

    static Apis start() {
        LocalStack stack = TestStack.start();
        StackAddresses addresses = stack.addresses();
        // access tokens outlive the longest run (-Dapi-tests.examples can make it long): the actors sign in once
        CommandApiApp.Running command = CommandApiApp.start(new CommandApiConfig(0, addresses.postgresJdbcUrl(),
                addresses.postgresUser(), addresses.postgresPassword(), addresses.redisUrl(), TOKEN_SECRET,
                Duration.ofHours(12), Duration.ofDays(1), ADMIN_EMAIL, ADMIN_PASSWORD, "127.0.0.1", addresses.amqp())
                // Every generated request comes from 127.0.0.1: the per-address limit would soon refuse the
                // matrix's own logins. The throttle itself is CommandApiIT's to test.
                .withLoginThrottling(new LoginThrottle.Limit(5, Duration.ofMinutes(15)), new LoginThrottle.Limit(1_000_000, Duration.ofMinutes(1)),
                        List.of())
                // the same actors ask for codes over and over; the send limit is CommandApiIT's to test
                .withCodes(new OneTimeCodes.Policy(Duration.ofMinutes(10), 5, 1_000_000, Duration.ofMinutes(1))));
        try {
            Path state = Files.createTempDirectory("api-tests");
            QueryApiApp.Running a = QueryApiApp.start(queryConfig(addresses, state.resolve("a")));
            QueryApiApp.Running b = QueryApiApp.start(queryConfig(addresses, state.resolve("b")));
            if (!a.streams().awaitRunning(Duration.ofSeconds(120)) || !b.streams().awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the query instances did not reach RUNNING within 120 s");
            }
            return new Apis(stack, command, List.of(a, b));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static QueryApiConfig queryConfig(StackAddresses stack, Path state) {
        StreamsAppConfig streams = StreamsAppConfigs.forTest(QueryApiConfig.APPLICATION_ID).bootstrap(stack.kafkaBootstrapServers())
                .registry(stack.registryUrl()).stateDir(state).standbyReplicas(1).build();
        return new QueryApiConfig(streams, 0, 0, "127.0.0.1", TOKEN_SECRET, PEER_SECRET, stack.redisUrl());
    }

    URI commandApi() {
        return URI.create("http://127.0.0.1:" + command.port());
    }

    List<URI> queryApis() {
        return queries.stream().map(q -> URI.create("http://127.0.0.1:" + q.port())).toList();
    }

    /** The query instances' gRPC peer ports. */
    List<Integer> peerPorts() {
        return queries.stream().map(QueryApiApp.Running::grpcPort).toList();
    }

    URI base(ApiOperation.Api api, int instance) {
        return api == ApiOperation.Api.COMMAND ? commandApi() : queryApis().get(instance);
    }

    StackAddresses stack() {
        return stack.addresses();
    }

    Actors actors() {
        return actors;
    }

    WriteSide writeSide() {
        return writeSide;
    }

    @Override
    public void close() {
        queries.forEach(QueryApiApp.Running::close);
        command.close();
        stack.close();
    }
}
