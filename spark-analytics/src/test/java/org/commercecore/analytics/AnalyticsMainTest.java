package org.commercecore.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The runner's help and its refusals of bad options, which come before any Spark starts. */
class AnalyticsMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = AnalyticsMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpNamesEveryJobAndItsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("daily-sales", "tables");
        assertThat(run("daily-sales", "--help")).isZero();
        assertThat(out.toString()).contains("--date", "--from", "--to", "--warehouse", "COMMERCE_KAFKA_BOOTSTRAP_SERVERS",
                "COMMERCE_POSTGRES_PASSWORD");
        assertThat(run("tables", "--help")).isZero();
        assertThat(out.toString()).contains("--full-rebuild");
    }

    @Test
    void refusesOptionsThatDoNotMakeARange() {
        assertThat(run("daily-sales", "--from", "2026-12-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--from and --to go together");
        assertThat(run("daily-sales", "--from", "2026-12-02", "--to", "2026-12-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--to 2026-12-01 is before --from 2026-12-02");
        assertThat(run("daily-sales", "--date", "2026-12-01", "--from", "2026-12-01", "--to", "2026-12-01")).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
        assertThat(run("daily-sales", "--date", "2026-13-01")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--date'");
        assertThat(run("daily-sales", "--date", "2026-12-01", "--top", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--top must be at least 1");
    }
}
