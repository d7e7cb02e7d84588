package org.commercecore.localstack.parts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** How the stack tells that a part answers, for the parts it is given rather than starts. */
public final class Probes {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Probes() {
    }

    public static Waits.Probe kafka(String bootstrapServers) {
        return () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .nodes().get().isEmpty();
            }
        };
    }

    /** A 200 from a GET, e.g. the registry's subjects or Connect's connector list. */
    public static Waits.Probe http(URI url) {
        return http(url, Optional.empty());
    }

    /** A 200 from a GET sent with this {@code Authorization} header, if any. */
    public static Waits.Probe http(URI url, Optional<String> authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        authorization.ifPresent(a -> builder.header("Authorization", a));
        HttpRequest request = builder.build();
        return () -> HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    public static Waits.Probe postgres(String jdbcUrl, String user, String password) {
        return () -> {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
                return c.isValid((int) TIMEOUT.toSeconds());
            }
        };
    }

    public static Waits.Probe redis(URI url) {
        return () -> RedisPing.pong(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort());
    }
}
