package org.commercecore.analytics.it;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.commercecore.analytics.LocalSpark;
import org.commercecore.analytics.events.OrderEvents;
import org.commercecore.analytics.fixtures.Events;
import org.commercecore.analytics.fixtures.Events.Line;
import org.commercecore.analytics.fixtures.KnownSales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built job jar through {@code spark-submit --master local[2]}, as on a cluster: Spark's own
 * launcher ({@code bin/spark-submit} runs {@code org.apache.spark.launcher.Main}, then the command
 * it prints) over a Spark home holding only Spark's jars, so the job jar must bring everything
 * else it needs. target/spark-home is built by the module (see its pom).
 */
class SparkSubmitIT {
    private static final Path JOB_JAR = Path.of(System.getProperty("analytics.job.jar", "target/missing-job.jar"));
    private static final Path SPARK_HOME = Path.of(System.getProperty("analytics.spark.home", "target/spark-home"));

    @TempDir
    Path dir;

    @Test
    void theJobJarRunsDailySalesUnderSparkSubmit() throws Exception {
        assertThat(JOB_JAR).as("the job jar, built in package").isRegularFile();
        InfrastructureProcess stack = InfrastructureProcess.shared();
        Instant placed = Instant.parse("2026-11-15T10:00:00Z");
        new Topics(stack).write(List.of(
                new KnownSales.Record(OrderEvents.TOPIC, "submit-1", placed, Events.placed(Events.ORDER_V2, "submit-1", "c-s",
                        "EUR", placed, new Line("SKU-S", 3, 100)), null),
                new KnownSales.Record(OrderEvents.TOPIC, "submit-1", placed.plusSeconds(60), Events.statusChanged(Events.ORDER_V2,
                        "submit-1", "PLACED", "CONFIRMED", null, placed.plusSeconds(60)), null)));
        Files.writeString(SPARK_HOME.resolve("RELEASE"), "Spark 4.1.1 jars for the spark-submit test\n");

        List<String> submit = List.of("--master", "local[2]", "--driver-memory", "512m",
                "--conf", "spark.sql.shuffle.partitions=2",
                "--class", "org.commercecore.analytics.AnalyticsMain", JOB_JAR.toString(),
                "daily-sales", "--date", "2026-11-15", "--no-postgres", "--chart-days", "3",
                "--bootstrap-servers", stack.get("COMMERCE_KAFKA_BOOTSTRAP_SERVERS"),
                "--registry-url", stack.get("COMMERCE_REGISTRY_URL"),
                "--warehouse", dir.resolve("warehouse").toString(), "--reports", dir.resolve("reports").toString());
        List<String> command = launcherCommand(submit);
        Process job = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("submit.log").toFile())
                .start();
        boolean ended = job.waitFor(5, TimeUnit.MINUTES);
        String log = Files.readString(dir.resolve("submit.log"));
        if (!ended) {
            job.destroyForcibly();
        }
        assertThat(ended).as("spark-submit ended; its output:\n%s", log).isTrue();
        assertThat(job.exitValue()).as("spark-submit's exit status; its output:\n%s", log).isZero();
        assertThat(log).contains("[daily-sales 1/7] reading orders.events.v1", "[daily-sales 7/7] rendering the report");

        Row eur = LocalSpark.session().read().parquet(dir.resolve("warehouse/daily_sales").toString())
                .where(col("currency").equalTo("EUR")).first();
        assertThat((Long) eur.getAs("orders_placed")).isEqualTo(1);
        assertThat((Long) eur.getAs("orders_confirmed")).isEqualTo(1);
        assertThat((Object) eur.getAs("revenue")).isEqualTo(new java.math.BigDecimal("3.0000"));
        assertThat(dir.resolve("reports/2026-11-15/index.html")).isRegularFile();
        assertThat(dir.resolve("reports/2026-11-15/top-skus-EUR.png")).isRegularFile();
    }

    /** What bin/spark-submit does: ask Spark's launcher for the driver command (NUL-separated), then run it. */
    private static List<String> launcherCommand(List<String> submitArgs) throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", SPARK_HOME.resolve("jars").toAbsolutePath() + "/*", "org.apache.spark.launcher.Main",
                "org.apache.spark.deploy.SparkSubmit"));
        launcher.addAll(submitArgs);
        ProcessBuilder builder = new ProcessBuilder(launcher);
        builder.environment().put("SPARK_HOME", SPARK_HOME.toAbsolutePath().toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("Spark's launcher: %s", errors).isZero();
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\0")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
