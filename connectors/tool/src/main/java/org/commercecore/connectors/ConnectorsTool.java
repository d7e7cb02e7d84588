package org.commercecore.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Profile;

/**
 * {@code connectors/connectors <command>}: the operator's view of Kafka Connect.
 * <pre>
 *   apply [dir]            create or update every connector declared in dir (default connectors/config)
 *   list                   every connector with its state
 *   status NAME            the connector's and its tasks' state
 *   pause NAME | resume NAME
 *   restart NAME           restart failed tasks (and the connector if it failed)
 *   offsets NAME           the source offsets it has committed
 *   reset-offsets NAME     stop it and forget its offsets (a source then starts over)
 * </pre>
 */
public final class ConnectorsTool {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(120);

    private ConnectorsTool() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), ConfigSource.fromEnvironment(), System.out, System.err));
    }

    /** Runs one command; returns the process exit code (0 done, 1 failed, 2 usage or configuration). */
    static int run(List<String> args, ConfigSource source, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("usage: connectors apply [dir] | list | status|pause|resume|restart|offsets|reset-offsets NAME");
            return 2;
        }
        ConnectClient connect;
        try {
            connect = client(source);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
        String command = args.get(0);
        Optional<String> name = args.size() > 1 ? Optional.of(args.get(1)) : Optional.empty();
        try {
            switch (command) {
                case "apply" -> applyAll(connect, Path.of(name.orElse("connectors/config")), out);
                case "list" -> print(out, connect.connectors());
                case "status" -> print(out, connect.status(required(name)));
                case "pause" -> connect.pause(required(name));
                case "resume" -> connect.resume(required(name));
                case "restart" -> print(out, connect.restartFailed(required(name)));
                case "offsets" -> print(out, connect.offsets(required(name)));
                case "reset-offsets" -> {
                    connect.stop(required(name));
                    print(out, connect.resetOffsets(required(name)));
                }
                default -> {
                    err.println("unknown command " + command);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException | ConnectClient.ConnectException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /**
     * Applies every connector config in the directory, in file-name order, one at a time: each is
     * RUNNING before the next is applied. (The schema registry build used here fails registrations
     * that arrive at the same moment, and each new connector registers its schemas as it starts.)
     */
    public static void applyAll(ConnectClient connect, Path dir, PrintStream out) {
        for (ConnectorConfig connector : ConnectorConfig.readAll(dir)) {
            boolean created = connect.apply(connector);
            connect.awaitRunning(connector.name(), APPLY_TIMEOUT);
            out.println((created ? "created " : "updated ") + connector.name() + ": RUNNING");
        }
    }

    /** Outside dev, Connect's REST API is protected: credentials are required, never assumed. */
    public static ConnectClient client(ConfigSource source) {
        Optional<String> user = source.lookup(ConnectSettings.CONNECT_USER);
        if (user.isEmpty() && source.profile() == Profile.PROD) {
            throw new ConfigException(ConnectSettings.CONNECT_USER.envName() + " and " + ConnectSettings.CONNECT_PASSWORD.envName()
                    + " must be set when COMMERCE_PROFILE=prod: the Connect REST API requires credentials outside dev");
        }
        String password = user.isPresent() ? source.get(ConnectSettings.CONNECT_PASSWORD) : null;
        return new ConnectClient(source.get(ConnectSettings.CONNECT_URL), user.orElse(null), password);
    }

    private static String required(Optional<String> name) {
        return name.orElseThrow(() -> new IllegalArgumentException("this command needs a connector name"));
    }

    private static void print(PrintStream out, JsonNode node) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (Exception e) {
            out.println(node);
        }
    }
}
