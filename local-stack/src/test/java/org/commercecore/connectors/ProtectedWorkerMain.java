package org.commercecore.connectors;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.parts.ConnectWorker;
import org.commercecore.localstack.parts.RestCredentials;

/**
 * A Connect worker with basic auth, in a JVM of its own: Kafka's extension reads the JAAS
 * configuration once per JVM, when its class is first loaded, so it cannot share a JVM with a
 * worker started before it without credentials. Arguments: bootstrap servers, REST port, user,
 * password, a directory for the credential files.
 */
public final class ProtectedWorkerMain {
    private ProtectedWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConnectWorker worker = ConnectWorker.start("auth-probe", args[0], Integer.parseInt(args[1]),
                StackSettings.findHome().resolve("connectors/plugins/target/plugin-path"), Map.of(),
                Optional.of(new RestCredentials(args[2], args[3], Path.of(args[4]))));
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
        System.out.println("protected worker ready");
        Thread.currentThread().join();
    }
}
