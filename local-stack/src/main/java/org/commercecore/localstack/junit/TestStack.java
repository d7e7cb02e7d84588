package org.commercecore.localstack.junit;

import java.nio.file.Path;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackSettings;

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
                FreePorts.one(), FreePorts.one(), FreePorts.one());
        LocalStack stack = LocalStack.start(settings, LocalStack.defaultTopics());
        System.out.printf("local stack for tests up in %.1f s:%n%s", stack.startupTime().toMillis() / 1000.0, stack.describe());
        return stack;
    }
}
