package org.commercecore.localstack.parts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * This JVM's JAAS configuration for the {@code KafkaConnect} login of Kafka's
 * BasicAuthSecurityRestExtension, which can follow one stack after another in one JVM.
 *
 * <p>Kafka makes two things once per JVM: the extension takes {@link Configuration#getConfiguration()}
 * when its class loads, and its PropertyFileLoginModule reads a users file once per file name and
 * keeps the content for good. A JAAS file (the production way, runbooks/connectors.md) would so pin
 * the first worker's credentials for every later worker of the JVM (the test JVMs start several
 * stacks). Instead this configuration is installed before the first protected worker starts, and
 * the extension asks it for the {@code KafkaConnect} entry at every request: it names a users file
 * of its own for each credentials served, so a new file name is read afresh. Every other entry is
 * answered by the configuration that was in place before.
 *
 * <p>The entry is global to the JVM, so the workers running at one time must share one set of
 * credentials; a worker with other credentials is refused until they have stopped. With no
 * protected worker running there is no entry, and every login fails.
 */
final class ConnectRestLogin extends Configuration {
    static final String CONTEXT = "KafkaConnect";
    static final String LOGIN_MODULE = "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule";
    private static final String USERS_FILE_PREFIX = "rest-users-";

    private static final ConnectRestLogin JVM = new ConnectRestLogin();

    private Configuration previous;
    private boolean installed;
    private AppConfigurationEntry[] entry;
    private RestCredentials serving;
    private Path usersFile;
    private int workers;
    private long filesWritten;

    private ConnectRestLogin() {
    }

    /** A worker's hold on the JVM's entry; closing it when the worker has stopped lets other credentials in. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes the {@code KafkaConnect} login accept exactly these credentials (writing them to an
     * owner-only users file in their directory) until the returned hold and every other one for the
     * same credentials are closed.
     */
    static Hold serve(RestCredentials credentials) {
        return JVM.hold(credentials);
    }

    /** The configuration in force for this JVM: this one, once a worker has been protected. */
    static Configuration jvm() {
        return JVM;
    }

    private synchronized Hold hold(RestCredentials credentials) {
        install();
        if (workers > 0 && !sameLogin(serving, credentials)) {
            throw new IllegalStateException("a protected Connect worker of this JVM still runs with other REST credentials ("
                    + serving + "); Kafka's basic-auth extension has one login configuration per JVM, so workers with"
                    + " other credentials must run in a JVM of their own");
        }
        if (workers == 0) {
            usersFile = writeUsersFile(credentials);
            entry = new AppConfigurationEntry[] {new AppConfigurationEntry(LOGIN_MODULE,
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of("file", usersFile.toString()))};
            serving = credentials;
        }
        workers++;
        return newHold();
    }

    private Hold newHold() {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        };
    }

    private synchronized void release() {
        if (--workers == 0) {
            entry = null;
            serving = null;
            deleteQuietly(usersFile);
            usersFile = null;
        }
    }

    private static boolean sameLogin(RestCredentials a, RestCredentials b) {
        return a.user().equals(b.user()) && a.password().equals(b.password());
    }

    /** Before the extension's class loads (it takes the configuration then); never replaced afterwards. */
    private void install() {
        if (installed) {
            return;
        }
        try {
            previous = Configuration.getConfiguration();
        } catch (RuntimeException none) {
            previous = null; // no JAAS configuration in this JVM, or an unreadable one: nothing to fall back to
        }
        Configuration.setConfiguration(this);
        installed = true;
    }

    /**
     * A file of its own per credentials served in this JVM (the login module keeps a file's content by
     * name), created owner-only before anything is written to it. Files of earlier JVMs are removed.
     */
    private Path writeUsersFile(RestCredentials credentials) {
        Path dir = credentials.directory().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, USERS_FILE_PREFIX + "*")) {
                old.forEach(ConnectRestLogin::deleteQuietly);
            }
            Path file = dir.resolve(USERS_FILE_PREFIX + ProcessHandle.current().pid() + "-" + (++filesWritten) + ".properties");
            Path temp = Files.createTempFile(dir, ".rest-users", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties users = new Properties();
            users.setProperty(credentials.user(), credentials.password()); // escaped as the login module reads it
            try (OutputStream out = Files.newOutputStream(temp)) {
                users.store(out, "Connect REST users of the local stack's worker (basic auth)");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write Connect REST credentials under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover is removed by the next protected start
        }
    }

    @Override
    public synchronized AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (CONTEXT.equals(name)) {
            return entry == null ? null : entry.clone();
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }
}
