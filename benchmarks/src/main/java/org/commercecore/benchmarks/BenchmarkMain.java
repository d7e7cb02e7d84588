package org.commercecore.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.commercecore.benchmarks.measure.CpuMeter;
import org.commercecore.benchmarks.measure.Machine;
import org.commercecore.benchmarks.report.ReportWriter;
import org.commercecore.benchmarks.report.ScenarioResult;
import org.commercecore.benchmarks.saga.CeilingChain;
import org.commercecore.benchmarks.stack.BenchStack;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run}: starts a fresh stack with every app, runs the chosen scenarios, and writes
 * the report with its charts. Options, not settings: a benchmark is a command someone runs, so its
 * knobs are on its command line (and in the report's header), not in the environment.
 */
@Command(name = "benchmarks/run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts a fresh local stack with all apps on free ports (run dir .run/benchmarks, wiped), runs the "
                + "scenarios and writes docs/benchmarks.md plus PNG charts in docs/benchmarks/.")
public final class BenchmarkMain implements Callable<Integer> {
    static final List<String> ALL_SCENARIOS = List.of("saga", "fullpath", "cdc", "query");

    @Option(names = "--trials", description = "trials per scenario (default: 3; --smoke: 1)")
    Integer trials;

    @Option(names = "--scenarios", split = ",", description = "which scenarios, comma-separated (default: ${DEFAULT-VALUE})",
            defaultValue = "saga,fullpath,cdc,query")
    List<String> scenarios;

    @Option(names = "--out", description = "report file (*.md) or directory (gets benchmarks.md); charts go beside it in benchmarks/ "
            + "(default: docs/benchmarks.md; --smoke: a temporary directory)")
    Path out;

    @Option(names = "--smoke", description = "tiny sizes and 1 trial, to check the command works (CI)")
    boolean smoke;

    @Option(names = "--profile", description = "run every app with a JFR flight recording and summarize hot methods and allocations")
    boolean profile;

    @Option(names = "--trace", description = "run every app with the OpenTelemetry agent sending every trace to a Zipkin the run"
            + " starts (what local-stack/run --observe does), to measure what tracing costs")
    boolean trace;

    @Option(names = "--rates", split = ",", description = "offered rates of the full-path scenario, orders/s (default: 50,200,500,1000)")
    List<Double> rates;

    @Option(names = "--duration", description = "length of each full-path rate step, e.g. 30s (default: 30s; --smoke: 5s)")
    String duration;

    @Option(names = "--orders", description = "orders of the saga burst (default: 20000; --smoke: 300)")
    Integer orders;

    @Option(names = "--ceiling-hops", description = "exactly-once hops of the ceiling chain (default: the saga's critical path, "
            + CeilingChain.SAGA_CRITICAL_PATH_HOPS + ")")
    Integer ceilingHops;

    @Option(names = "--no-search", description = "full path: skip the search for the highest sustainable rate")
    boolean noSearch;

    private final String[] args;

    BenchmarkMain(String[] args) {
        this.args = args;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchmarkMain(args)).execute(args));
    }

    RunContext.Sizes sizes() {
        Duration step = duration == null ? (smoke ? Duration.ofSeconds(5) : Duration.ofSeconds(30)) : parseDuration(duration);
        return new RunContext.Sizes(trials != null ? trials : smoke ? 1 : 3, orders != null ? orders : smoke ? 300 : 20_000,
                ceilingHops != null ? ceilingHops : CeilingChain.SAGA_CRITICAL_PATH_HOPS,
                rates != null ? rates : smoke ? List.of(20.0, 50.0) : List.of(50.0, 200.0, 500.0, 1000.0), step,
                !smoke && !noSearch, smoke ? 20 : 400, smoke ? 500 : 50_000, smoke ? 100 : 500,
                smoke ? Duration.ofSeconds(3) : Duration.ofSeconds(20), smoke ? 8 : 32, smoke);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }

    @Override
    public Integer call() throws Exception {
        for (String s : scenarios) {
            if (!ALL_SCENARIOS.contains(s)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario " + s + "; known: " + ALL_SCENARIOS);
            }
        }
        Path home = StackSettings.findHome();
        Path reportFile = reportFile(home);
        Path reportDir = reportFile.toAbsolutePath().getParent();
        Path chartsDir = reportDir.resolve("benchmarks");
        Files.createDirectories(chartsDir);
        RunContext.Sizes sizes = sizes();
        Progress progress = new Progress(System.out);
        String generatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> machine = Machine.describe();
        Map<String, String> configuration = configuration(sizes);
        System.out.println("machine:");
        machine.forEach((k, v) -> System.out.printf("  %-32s %s%n", k, v));
        System.out.println("configuration:");
        configuration.forEach((k, v) -> System.out.printf("  %-32s %s%n", k, v));
        progress.say("stack", "starting a fresh stack with all apps in .run/benchmarks (about a minute)");
        List<ScenarioResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Optional<String> profileSummary = Optional.empty();
        try (BenchStack stack = BenchStack.start(home, home.resolve(".run").resolve("benchmarks"), profile, trace)) {
            // Ctrl-C or SIGTERM mid-run: without this the stack's child processes (PostgreSQL, the apps)
            // outlived the benchmark and kept a whole stack running. Closing twice is harmless.
            Thread stopOnSignal = new Thread(stack::close, "benchmark-stack-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            progress.say("stack", "up in %.0f s%n%s", stack.startupTime().toMillis() / 1000.0, stack.describe());
            RunContext ctx = new RunContext(stack, progress, new CpuMeter(stack::processes, stack.inProcessParts()), sizes, reportDir, chartsDir);
            for (String scenario : scenarios) {
                try {
                    results.add(Scenarios.run(scenario, ctx));
                } catch (RuntimeException e) {
                    // one broken scenario must not lose the others' figures; the run still fails at the end
                    failed.add(scenario);
                    progress.say(scenario, "FAILED: %s", e);
                    e.printStackTrace(System.out);
                    results.add(new ScenarioResult(scenario, "Scenario " + scenario + " (failed)", "The scenario failed: " + e,
                            List.of(), List.of(), List.of()));
                }
                write(reportFile, header(generatedAt, progress, machine, configuration), results, profileSummary, home);
            }
            if (profile) {
                progress.say("profile", "stopping the apps so their flight recordings are written");
                stack.stopApps();
                profileSummary = Optional.of(org.commercecore.benchmarks.profile.JfrSummary.summarize(stack.jfrDir().orElseThrow(), 15));
            }
        }
        write(reportFile, header(generatedAt, progress, machine, configuration), results, profileSummary, home);
        progress.say("report", "written to %s (charts in %s)", reportFile, chartsDir);
        if (!failed.isEmpty()) {
            progress.say("report", "FAILED scenarios: %s", failed);
            return 1;
        }
        return 0;
    }

    private ReportWriter.Header header(String generatedAt, Progress progress, Map<String, String> machine, Map<String, String> configuration) {
        long s = progress.elapsedSeconds();
        return new ReportWriter.Header("benchmarks/run" + (args.length == 0 ? "" : " " + String.join(" ", args)), generatedAt,
                s / 60 + " min " + s % 60 + " s", machine, configuration);
    }

    private static void write(Path file, ReportWriter.Header header, List<ScenarioResult> results, Optional<String> profile, Path home) {
        try {
            Path analysis = home.resolve("benchmarks").resolve("analysis.md");
            Optional<String> text = Files.isRegularFile(analysis) ? Optional.of(Files.readString(analysis)) : Optional.empty();
            Files.writeString(file, ReportWriter.render(header, results, profile, text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }

    private Path reportFile(Path home) throws IOException {
        if (out == null) {
            return smoke ? Files.createTempDirectory("commerce-benchmarks-smoke").resolve("benchmarks.md")
                    : home.resolve("docs").resolve("benchmarks.md");
        }
        Path given = out.toAbsolutePath();
        if (given.toString().endsWith(".md")) {
            Files.createDirectories(given.getParent());
            return given;
        }
        Files.createDirectories(given);
        return given.resolve("benchmarks.md");
    }

    private Map<String, String> configuration(RunContext.Sizes sizes) {
        ConfigSource env = ConfigSource.fromEnvironment();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("Streams commit interval (apps, chain)", env.get(PlatformSettings.COMMIT_INTERVAL).toMillis() + " ms");
        c.put("Streams threads per app", String.valueOf(env.get(PlatformSettings.STREAM_THREADS)));
        c.put("processing guarantee", "exactly_once_v2");
        c.put("partitions of domain and CDC topics", BenchStack.partitions() + " (" + PlatformSettings.TOPIC_PARTITIONS.envName() + ")");
        c.put("app JVM options", String.join(" ", AppProcess.JVM_OPTIONS) + (profile ? " + JFR (settings=profile)" : "")
                + (trace ? " + the OpenTelemetry agent" : ""));
        c.put("tracing", trace ? "every app traced, sampler " + Optional.ofNullable(System.getenv("OTEL_TRACES_SAMPLER")).orElse("parentbased_always_on")
                + Optional.ofNullable(System.getenv("OTEL_TRACES_SAMPLER_ARG")).map(arg -> " " + arg).orElse("")
                + ", spans to Zipkin in memory (its CPU counted with the stack's)" : "off (--trace turns it on)");
        c.put("apps", String.join(", ", LocalStack.APPS.stream().map(AppProcess.App::name).toList())
                + ", each its own JVM (the query APIs with a standby replica each)");
        c.put("command API access-token lifetime", BenchStack.ACCESS_LIFETIME + " (raised for the run; customers log in once)");
        c.put("orders saga deadline", BenchStack.SAGA_DEADLINE + " (raised for the run; overload must not reject as TIMEOUT)");
        c.put("benchmark JVM options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        c.put("trials", String.valueOf(sizes.trials()));
        c.put("saga orders per trial", String.valueOf(sizes.sagaOrders()));
        c.put("ceiling chain hops", String.valueOf(sizes.ceilingHops()));
        c.put("full-path rates", sizes.rates() + " orders/s, " + sizes.rateDuration().toSeconds() + " s each"
                + (sizes.searchCeiling() ? ", then a search for the highest sustainable rate" : ""));
        c.put("CDC rows per trial", sizes.cdcRows() + " in batches of " + sizes.cdcBatch());
        c.put("query load", sizes.queryConnections() + " connections, " + sizes.queryDuration().toSeconds() + " s per step");
        c.put("arguments", Arrays.toString(args));
        return c;
    }
}
