package org.commercecore.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commercecore.connectors.ConnectSettings;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.tasks.TaskSettings;

/**
 * The secrets of one run of the stack: the access-token secret, the bootstrap admin's password, the
 * Connect REST login, the query API instances' peer secret and the AMQP broker's password. Published defaults would let anyone
 * who can reach a port forge a token or log in as the admin, so outside {@code COMMERCE_PROFILE=prod}
 * the stack makes up each one not given explicitly (SecureRandom, 32 bytes, base64url) and keeps
 * them in {@code <run dir>/credentials.env} (owner-only, {@code KEY=value} lines a shell can source).
 * They belong to the data: a later run keeping the data reuses them (the admin account and every
 * refresh token were made with them), {@code --fresh} makes new ones. A value given explicitly wins
 * for its run and is never written to the file. Under {@code prod} nothing is made up and no file is
 * written: every secret must be given, as each app's own settings demand.
 */
public final class StackCredentials {
    public static final String FILE_NAME = "credentials.env";
    /** Authenticates the query API instances' gRPC calls to each other: the stack hands every instance the same value. */
    public static final String PEER_SECRET = PlatformSettings.PEER_SECRET.envName();
    public static final String TOKEN_SECRET = PlatformSettings.TOKEN_SECRET.envName();
    public static final String ADMIN_PASSWORD = PlatformSettings.BOOTSTRAP_ADMIN_PASSWORD.envName();
    /** The login of the stack's AMQP broker (the services' user is COMMERCE_AMQP_USER). */
    public static final String AMQP_PASSWORD = TaskSettings.AMQP_PASSWORD.envName();
    public static final String CONNECT_USER = ConnectSettings.CONNECT_USER.envName();
    public static final String CONNECT_PASSWORD = ConnectSettings.CONNECT_PASSWORD.envName();
    /** The user name of a generated Connect login (its password is what keeps callers out). */
    public static final String GENERATED_CONNECT_USER = "operator";

    private static final int SECRET_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Pattern LINE = Pattern.compile("([A-Z][A-Z0-9_]*)=([A-Za-z0-9_.~+/=-]+)");
    private static final List<String> FILE_ORDER = List.of(TOKEN_SECRET, ADMIN_PASSWORD, CONNECT_USER, CONNECT_PASSWORD, PEER_SECRET,
            AMQP_PASSWORD);

    private final Map<String, String> values;
    private final Optional<Path> file;
    private final Set<String> fromFile;
    private final List<String> notices;

    private StackCredentials(Map<String, String> values, Optional<Path> file, Set<String> fromFile, List<String> notices) {
        this.values = Map.copyOf(values);
        this.file = file;
        this.fromFile = Set.copyOf(fromFile);
        this.notices = List.copyOf(notices);
    }

    /**
     * The secrets given explicitly, by variable, and whether the stack makes up the ones missing
     * (every profile but prod).
     */
    public record Given(Map<String, String> values, boolean generateMissing) {
        public Given {
            values = Map.copyOf(values);
        }

        /** Nothing given; the stack makes up every secret (the test harness). */
        public static Given none() {
            return new Given(Map.of(), true);
        }

        @Override
        public String toString() {
            return "Given[" + values.keySet() + (generateMissing ? ", the rest generated]" : ", nothing generated]");
        }
    }

    /**
     * The credentials of a run in {@code runDir}: given values first, then those kept in the run dir's
     * file (not with {@code fresh}), then new ones, which are added to the file. The Connect login is
     * made up only for a worker the stack starts itself ({@code connectEmbedded}); an external worker
     * gets only what was given.
     */
    public static StackCredentials forRun(Path runDir, Given given, boolean fresh, boolean connectEmbedded, SecureRandom random) {
        if (!given.generateMissing()) {
            return new StackCredentials(given.values(), Optional.empty(), Set.of(), List.of());
        }
        Path file = runDir.toAbsolutePath().resolve(FILE_NAME);
        List<String> notices = new ArrayList<>();
        boolean existed = Files.exists(file);
        Map<String, String> kept = fresh || !existed ? new LinkedHashMap<>() : read(file);
        if (!existed && !fresh && Files.isDirectory(runDir.resolve("postgres"))) {
            notices.add("the data in " + runDir + " was made by a run that generated no credentials: the admin account"
                    + " keeps the password it was created with (run with --fresh to start over with generated ones)");
        }
        Map<String, String> stored = new LinkedHashMap<>(kept);
        Map<String, String> values = new LinkedHashMap<>(given.values());
        Set<String> fromFile = new HashSet<>();
        for (String variable : List.of(TOKEN_SECRET, ADMIN_PASSWORD, PEER_SECRET, AMQP_PASSWORD)) {
            take(variable, given, stored, values, fromFile, notices, () -> secret(random));
        }
        boolean connectGiven = given.values().containsKey(CONNECT_USER);
        if (connectEmbedded && !connectGiven) {
            take(CONNECT_USER, given, stored, values, fromFile, notices, () -> GENERATED_CONNECT_USER);
            take(CONNECT_PASSWORD, given, stored, values, fromFile, notices, () -> secret(random));
        } else if (connectGiven && stored.containsKey(CONNECT_PASSWORD)
                && !stored.get(CONNECT_PASSWORD).equals(given.values().get(CONNECT_PASSWORD))) {
            notices.add(keptNotice(CONNECT_USER + " and " + CONNECT_PASSWORD));
        }
        try {
            Files.createDirectories(runDir);
            Files.setPosixFilePermissions(runDir, OWNER_ONLY_DIR);
            if (fresh || !existed || !stored.equals(kept)) {
                write(file, stored);
            } else {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the stack's credentials to " + file + ": " + e.getMessage(), e);
        }
        return new StackCredentials(values, Optional.of(file), fromFile, notices);
    }

    /** The given value, else the kept one, else a new one (kept from now on). */
    private static void take(String variable, Given given, Map<String, String> stored, Map<String, String> values,
                             Set<String> fromFile, List<String> notices, Supplier<String> generate) {
        String explicit = given.values().get(variable);
        if (explicit != null) {
            if (stored.containsKey(variable) && !stored.get(variable).equals(explicit)) {
                notices.add(keptNotice(variable));
            }
            return;
        }
        values.put(variable, stored.computeIfAbsent(variable, v -> generate.get()));
        fromFile.add(variable);
    }

    private static String keptNotice(String what) {
        return what + " given for this run wins over the value generated by an earlier run, which " + FILE_NAME
                + " keeps (sourcing the file sets the earlier one)";
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(trimmed);
                if (!m.matches()) {
                    throw new IllegalStateException(file + " has a line that is not KEY=value (base64url or"
                            + " similar characters only): fix it, or delete the file to have new secrets made up");
                }
                values.put(m.group(1), m.group(2));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the stack's credentials from " + file + ": " + e.getMessage(), e);
        }
        return values;
    }

    /** Owner-only from its creation on (a temporary file moved into place), never readable by others. */
    private static void write(Path file, Map<String, String> stored) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# Secrets the commerce-core local stack generated for the data in this directory; kept until\n")
                .append("# local-stack/run --fresh. A variable set when the stack starts wins over its line here.\n")
                .append("# Into a shell:                 . ").append(file).append('\n')
                .append("# For a program started from it: set -a; . ").append(file).append("; set +a\n");
        List<String> order = new ArrayList<>(FILE_ORDER);
        stored.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (String variable : order) {
            if (stored.containsKey(variable)) {
                text.append(variable).append('=').append(stored.get(variable)).append('\n');
            }
        }
        Path temp = Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The value in force for this run, given or generated. */
    public Optional<String> value(String variable) {
        return Optional.ofNullable(values.get(variable));
    }

    /** True when the value comes from the run dir's file (generated by this run or an earlier one), not from the environment. */
    public boolean inFile(String variable) {
        return fromFile.contains(variable);
    }

    /** The login of the Connect REST API, when there is one (always for the stack's own worker). */
    public Optional<ConnectCredentials> connect() {
        String user = values.get(CONNECT_USER);
        return user == null ? Optional.empty() : Optional.of(new ConnectCredentials(user, values.get(CONNECT_PASSWORD)));
    }

    /** The values in force of the given variables, for an app's environment (those without one are left out). */
    public Map<String, String> environment(Collection<String> variables) {
        Map<String, String> env = new LinkedHashMap<>();
        variables.forEach(v -> value(v).ifPresent(value -> env.put(v, value)));
        return env;
    }

    /** Where the generated secrets are kept; none under prod. */
    public Optional<Path> file() {
        return file;
    }

    /** What the user should know about this run's credentials (an explicit value overriding a kept one, old data). */
    public List<String> notices() {
        return notices;
    }

    @Override
    public String toString() {
        return "StackCredentials[" + values.keySet() + ", file=" + file.map(Path::toString).orElse("none") + "]";
    }
}
