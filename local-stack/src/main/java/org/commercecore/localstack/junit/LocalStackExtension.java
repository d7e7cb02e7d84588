package org.commercecore.localstack.junit;

import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackAddresses;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the real parts: a KRaft broker, the schema registry, PostgreSQL,
 * Redis and Kafka Connect with Debezium, started once per test JVM on free ports (so no test
 * needs Docker or a fixed port) and stopped when the JVM's tests are done. Tests receive a
 * {@link StackAddresses} (or {@link LocalStack}) parameter. Connect's REST API requires the login
 * the stack made up, as a developer's stack does: {@link StackAddresses#connectCredentials()}, and
 * logged-in helpers ({@link StackAddresses#connectClient()}, {@link StackAddresses#connectRequest},
 * {@link StackAddresses#connectToolEnvironment()}).
 */
public final class LocalStackExtension implements ParameterResolver {
    private static final String KEY = "commerce-local-stack";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackAddresses.class || type == LocalStack.class;
    }

    /** Tests take the addresses; a test that breaks a part on purpose (restarts Connect) takes the stack. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = shared(context).stack;
        return parameter.getParameter().getType() == LocalStack.class ? stack : stack.addresses();
    }

    private static Running shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> Running.start(), Running.class);
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of this JVM. */
    static final class Running implements AutoCloseable {
        final LocalStack stack;

        private Running(LocalStack stack) {
            this.stack = stack;
        }

        static Running start() {
            return new Running(TestStack.start());
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
