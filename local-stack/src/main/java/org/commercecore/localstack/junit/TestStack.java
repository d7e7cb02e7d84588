package org.commercecore.localstack.junit;

import java.net.URI;
import java.nio.file.Path;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackSettings;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * The stack a test JVM shares: every part embedded, on free ports below the ephemeral range, under
 * {@code target/local-stack-it}. JUnit Jupiter tests get it through {@link LocalStackExtension};
 * tests of another engine (jqwik) start it through here and keep it for their run.
 */
public final class TestStack {
    private TestStack() {
    }

    public static LocalStack start() {
        Path home = StackSettings.findHome();
        Path runDir = Path.of("target", "local-stack-it").toAbsolutePath();
        StackSettings settings = StackSettings.embedded(home, runDir, FreePorts.pair(), FreePorts.one(),
                FreePorts.one(), FreePorts.one(), FreePorts.one(), FreePorts.one());
        settings = withGivenAmqp(settings);
        LocalStack stack = LocalStack.start(settings, LocalStack.defaultTopics());
        System.out.printf("local stack for tests up in %.1f s:%n%s", stack.startupTime().toMillis() / 1000.0, stack.describe());
        return stack;
    }

    /**
     * Every part is the harness's own, except the AMQP broker when COMMERCE_AMQP_URL is set (with
     * COMMERCE_AMQP_USER and COMMERCE_AMQP_PASSWORD): .ci/run runs the AMQP tests again that way, on
     * a real RabbitMQ, so both brokers are proven.
     */
    static StackSettings withGivenAmqp(StackSettings settings) {
        String url = System.getenv(TaskSettings.AMQP_URL.envName());
        if (url == null || url.isBlank()) {
            return settings;
        }
        String user = System.getenv().getOrDefault(TaskSettings.AMQP_USER.envName(), TaskSettings.AMQP_USER.devDefault().orElseThrow());
        String password = System.getenv(TaskSettings.AMQP_PASSWORD.envName());
        if (password == null) {
            throw new IllegalStateException(TaskSettings.AMQP_URL.envName() + " is set but " + TaskSettings.AMQP_PASSWORD.envName() + " is not");
        }
        return settings.withExternalAmqp(URI.create(url), user, password);
    }
}
