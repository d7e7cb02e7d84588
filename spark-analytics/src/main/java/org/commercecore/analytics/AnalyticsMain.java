package org.commercecore.analytics;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.commercecore.analytics.run.Progress;
import org.commercecore.analytics.run.SparkSessions;
import org.commercecore.analytics.sales.DailySalesJob;
import org.commercecore.analytics.source.Sources;
import org.commercecore.analytics.tables.TablesJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spark-analytics/run <job>} or {@code spark-submit --class org.commercecore.analytics.AnalyticsMain
 * commerce-spark-analytics-job.jar <job>}: the one entry point of every batch job. Each option
 * falls back to a {@code COMMERCE_*} variable, then to a dev default pointing at the local stack.
 */
@Command(name = "spark-analytics", mixinStandardHelpOptions = true, versionProvider = AnalyticsMain.Version.class,
        description = "Batch analytics over commerce-core's Avro topics with Apache Spark.",
        subcommands = {AnalyticsMain.DailySales.class, AnalyticsMain.Tables.class, CommandLine.HelpCommand.class})
public final class AnalyticsMain {
    /** The dev-only PostgreSQL password of the local stack; refused under COMMERCE_PROFILE=prod. */
    static final String DEV_POSTGRES_PASSWORD = "postgres";

    public static void main(String[] args) {
        // the charts are drawn without a display, also where the driver runs on a desktop session
        System.setProperty("java.awt.headless", "true");
        int status = commandLine().execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new AnalyticsMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Where events come from and where the tables go: shared by every job. */
    static final class Common {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
                defaultValue = "${env:COMMERCE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
                description = "Kafka brokers (env COMMERCE_KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
        String bootstrapServers;

        @Option(names = "--kafka-option", paramLabel = "KEY=VALUE",
                description = "A Kafka client setting, e.g. security.protocol=SASL_SSL; repeatable.")
        Map<String, String> kafkaOptions = new LinkedHashMap<>();

        @Option(names = "--registry-url", paramLabel = "URL", defaultValue = "${env:COMMERCE_REGISTRY_URL:-http://127.0.0.1:8081}",
                description = "Schema registry, base URL (env COMMERCE_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
        URI registryUrl;

        @Option(names = "--warehouse", paramLabel = "URI", defaultValue = "${env:COMMERCE_ANALYTICS_WAREHOUSE:-.run/analytics/warehouse}",
                description = "Where the Parquet tables live: a directory or any Hadoop file system URI such as hdfs://"
                        + " or s3a:// (env COMMERCE_ANALYTICS_WAREHOUSE; default: ${DEFAULT-VALUE}).")
        String warehouse;

        Sources sources() {
            return new Sources(bootstrapServers, kafkaOptions, registryUrl);
        }
    }

    @Command(name = "daily-sales", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Computes one day's (or a range of days') sales figures per currency from the order, payment"
                    + " and inventory events; writes them as Parquet (daily_sales, daily_sku_sales, daily_rejections,"
                    + " daily_stock, partitioned by day), into PostgreSQL (schema analytics) and as a report: PNG charts"
                    + " and index.html. Re-running a day replaces that day's results and nothing else."})
    static final class DailySales implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Option(names = "--date", paramLabel = "YYYY-MM-DD",
                description = "The UTC day to report (default: today); or give --from and --to.")
        LocalDate date;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day of a range (with --to).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day of a range, included (with --from).")
        LocalDate to;

        @Option(names = "--lookback-days", defaultValue = "7", paramLabel = "N",
                description = "Order events read from N days before the range, to price status changes of orders placed"
                        + " earlier (default: ${DEFAULT-VALUE}).")
        int lookbackDays;

        @Option(names = "--grace-minutes", defaultValue = "60", paramLabel = "N",
                description = "Events read N minutes either side of the range, for clock skew and late confirmations"
                        + " (default: ${DEFAULT-VALUE}).")
        int graceMinutes;

        @Option(names = "--chart-days", defaultValue = "14", paramLabel = "N",
                description = "Days of history in the trend charts, ending at the last day (default: ${DEFAULT-VALUE}).")
        int chartDays;

        @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "SKUs in the top list (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--reports", paramLabel = "DIR", defaultValue = "${env:COMMERCE_ANALYTICS_REPORTS:-.run/analytics/reports}",
                description = "Local directory for the reports, one sub-directory per day or range (env"
                        + " COMMERCE_ANALYTICS_REPORTS; default: ${DEFAULT-VALUE}).")
        Path reports;

        @Option(names = "--postgres-url", paramLabel = "JDBC-URL",
                defaultValue = "${env:COMMERCE_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}",
                description = "PostgreSQL for the analytics tables (env COMMERCE_POSTGRES_URL; default: ${DEFAULT-VALUE});"
                        + " the password comes from COMMERCE_POSTGRES_PASSWORD only, never the command line.")
        String postgresUrl;

        @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "${env:COMMERCE_POSTGRES_USER:-postgres}",
                description = "PostgreSQL user (env COMMERCE_POSTGRES_USER; default: ${DEFAULT-VALUE}).")
        String postgresUser;

        @Option(names = "--no-postgres", description = "Write Parquet and the report only.")
        boolean noPostgres;

        @Override
        public Integer call() {
            LocalDate first;
            LocalDate last;
            if (date != null && (from != null || to != null)) {
                throw new ParameterException(spec.commandLine(), "give --date or --from/--to, not both");
            }
            if ((from == null) != (to == null)) {
                throw new ParameterException(spec.commandLine(), "--from and --to go together");
            }
            if (from != null) {
                if (to.isBefore(from)) {
                    throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
                }
                first = from;
                last = to;
            } else {
                first = last = date != null ? date : LocalDate.now(ZoneOffset.UTC);
            }
            positive("--lookback-days", lookbackDays, 0);
            positive("--grace-minutes", graceMinutes, 0);
            positive("--chart-days", chartDays, 1);
            positive("--top", top, 1);
            Optional<DailySalesJob.PostgresLogin> postgres = noPostgres ? Optional.empty()
                    : Optional.of(new DailySalesJob.PostgresLogin(postgresUrl, postgresUser, postgresPassword(spec)));
            DailySalesJob.Settings settings = new DailySalesJob.Settings(common.sources(), first, last,
                    Duration.ofDays(lookbackDays), Duration.ofMinutes(graceMinutes), common.warehouse, reports.toAbsolutePath(),
                    chartDays, top, postgres);
            PrintWriter out = spec.commandLine().getOut();
            SparkSession spark = SparkSessions.create("daily-sales");
            try {
                new DailySalesJob(spark, settings, new Progress("daily-sales", 7, System.out)).run();
            } finally {
                spark.stop();
            }
            out.flush();
            return 0;
        }

        private void positive(String option, int value, int min) {
            if (value < min) {
                throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", was " + value);
            }
        }
    }

    @Command(name = "tables", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Appends the events recorded since the last run to the flat analytics tables (orders,"
                    + " order_lines, order_status_changes, payments, stock_movements: Parquet under <warehouse>/tables,"
                    + " partitioned by day; docs/analytics.md has their schema). The offsets read are kept in the"
                    + " tables' checkpoint, so each event lands once."})
    static final class Tables implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--full-rebuild", description = "Drop the tables and their checkpoint and read every topic from its beginning.")
        boolean rebuild;

        @Override
        public Integer call() {
            SparkSession spark = SparkSessions.create("tables");
            try {
                new TablesJob(spark, common.sources(), common.warehouse,
                        new Progress("tables", rebuild ? 7 : 6, System.out)).run(rebuild);
            } finally {
                spark.stop();
            }
            return 0;
        }
    }

    /**
     * The password only from the environment (a command line is visible to every user of the
     * machine); the local stack's dev default is used only outside the prod profile.
     */
    static String postgresPassword(CommandLine.Model.CommandSpec spec) {
        String given = System.getenv("COMMERCE_POSTGRES_PASSWORD");
        String password = given == null || given.isEmpty() ? DEV_POSTGRES_PASSWORD : given;
        if (password.equals(DEV_POSTGRES_PASSWORD) && "prod".equalsIgnoreCase(System.getenv("COMMERCE_PROFILE"))) {
            throw new ParameterException(spec.commandLine(), "COMMERCE_POSTGRES_PASSWORD must be set under"
                    + " COMMERCE_PROFILE=prod, and not to the local stack's dev default; or give --no-postgres");
        }
        return password;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AnalyticsMain.class.getPackage().getImplementationVersion();
            return new String[] {"commerce-core spark-analytics " + (version == null ? "(development build)" : version)
                    + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }
}
