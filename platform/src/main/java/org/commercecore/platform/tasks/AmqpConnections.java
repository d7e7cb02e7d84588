package org.commercecore.platform.tasks;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Opens connections to the task broker. Recovery is on (the client reconnects and redeclares what it
 * declared, consumers included); a heartbeat of a few seconds lets the broker notice a consumer that
 * died without closing its socket and hand its unacked tasks to another.
 */
public final class AmqpConnections {
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(2);

    private AmqpConnections() {
    }

    /** {@code name} shows in the broker's list of connections. */
    public static Connection open(TaskSettings.Broker broker, String name) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(broker.url());
            // the client reads amqp://host/ as the vhost "" (not RabbitMQ's default "/", which is %2F in a URI)
            String path = broker.url().getRawPath();
            if (path == null || path.isEmpty() || path.equals("/")) {
                factory.setVirtualHost("/");
            }
            if (broker.tls()) {
                factory.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the AMQP broker at " + broker + ": " + e.getMessage(), e);
        }
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        factory.setRequestedHeartbeat((int) HEARTBEAT.toSeconds());
        factory.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL.toMillis());
        try {
            return factory.newConnection(name);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to the AMQP broker at " + broker + ": " + e.getMessage(), e);
        }
    }
}
