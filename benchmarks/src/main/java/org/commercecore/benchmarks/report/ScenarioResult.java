package org.commercecore.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario's trials, what it is (title, how it was run), notes on reading it, and the charts it drew
 * (paths relative to the report's directory).
 */
public record ScenarioResult(String id, String title, String description, List<String> notes, List<TrialResult> trials,
                             List<Path> charts) {
    public ScenarioResult {
        notes = List.copyOf(notes);
        trials = List.copyOf(trials);
        charts = List.copyOf(charts);
    }
}
