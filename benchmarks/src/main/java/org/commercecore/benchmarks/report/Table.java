package org.commercecore.benchmarks.report;

import java.util.List;

/** A table of the report, already formatted: a title, the header and rows of cells, a note under it. */
public record Table(String title, List<String> header, List<List<String>> rows, String note) {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
