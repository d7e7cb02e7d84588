package org.commercecore.benchmarks;

import org.commercecore.benchmarks.report.ScenarioResult;
import org.commercecore.benchmarks.saga.SagaBurst;

/** Runs a scenario by its name on the command line. */
final class Scenarios {
    private Scenarios() {
    }

    static ScenarioResult run(String name, RunContext ctx) {
        ctx.progress().say(name, "starting");
        return switch (name) {
            case "saga" -> new SagaBurst(ctx).run();
            case "fullpath" -> new org.commercecore.benchmarks.fullpath.FullPath(ctx).run();
            case "cdc" -> new org.commercecore.benchmarks.cdc.CdcScenario(ctx).run();
            case "query" -> new org.commercecore.benchmarks.query.QueryScenario(ctx).run();
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (known: saga, fullpath, cdc, query)");
        };
    }
}
