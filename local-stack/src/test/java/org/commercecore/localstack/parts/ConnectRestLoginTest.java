package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's login module keeps a users file's content by name for the JVM's life, and its extension
 * takes the JVM's JAAS configuration once: the login must still follow one stack after another in
 * one JVM (the test JVMs start several), each with its own credentials.
 */
class ConnectRestLoginTest {
    @TempDir
    Path dir;

    @Test
    void theLoginAcceptsTheRunningWorkersCredentialsOnlyAndFollowsTheNextWorkers() throws IOException {
        RestCredentials first = new RestCredentials("operator", "first password: with = and \\ in it", dir);
        RestCredentials second = new RestCredentials("operator", "second-password", dir);

        try (ConnectRestLogin.Hold worker = ConnectRestLogin.serve(first)) {
            assertThat(Configuration.getConfiguration()).as("what the extension takes when it loads").isSameAs(ConnectRestLogin.jvm());
            assertThat(logsIn(first)).isTrue();
            assertThat(logsIn(second)).isFalse();
            assertThat(usersFiles()).singleElement().satisfies(f -> assertThat(Files.getPosixFilePermissions(f))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------")));
            try (ConnectRestLogin.Hold restarted = ConnectRestLogin.serve(new RestCredentials("operator", first.password(), dir))) {
                assertThat(logsIn(first)).as("another worker with the same login").isTrue();
            }
            assertThat(logsIn(first)).as("while one worker with it still runs").isTrue();
            assertThatThrownBy(() -> ConnectRestLogin.serve(second)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("other REST credentials");
        }
        assertThat(logsIn(first)).as("no protected worker running: nobody gets in").isFalse();
        assertThat(usersFiles()).isEmpty();

        try (ConnectRestLogin.Hold next = ConnectRestLogin.serve(second)) {
            assertThat(logsIn(second)).isTrue();
            assertThat(logsIn(first)).as("the earlier stack's login is gone").isFalse();
        }
    }

    /** What the extension's filter does for each request. */
    private static boolean logsIn(RestCredentials credentials) {
        try {
            new LoginContext(ConnectRestLogin.CONTEXT, new Subject(), callbacks -> {
                ((NameCallback) callbacks[0]).setName(credentials.user());
                ((PasswordCallback) callbacks[1]).setPassword(credentials.password().toCharArray());
            }, Configuration.getConfiguration()).login();
            return true;
        } catch (LoginException refused) {
            return false;
        }
    }

    private List<Path> usersFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("rest-users-")).toList();
        }
    }
}
