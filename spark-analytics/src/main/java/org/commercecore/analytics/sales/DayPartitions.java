package org.commercecore.analytics.sales;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet table partitioned by {@code day} ({@code <table>/day=2026-12-01/part-...parquet})
 * whose days are replaced as a whole: writing a range of days replaces exactly those days'
 * partitions and leaves every other day as it was, so re-running a day is idempotent.
 */
public final class DayPartitions {
    private final SparkSession spark;
    private final String table;

    public DayPartitions(SparkSession spark, String table) {
        this.spark = spark;
        this.table = table;
    }

    public String path() {
        return table;
    }

    /**
     * Days with rows are overwritten through Spark's dynamic partition overwrite (each partition
     * swapped in by the commit); days of the range left without rows lose their old partition.
     */
    public void replace(Dataset<Row> rows, List<LocalDate> days) {
        Set<LocalDate> written = new HashSet<>(rows.select(col(DailySales.DAY)).distinct()
                .as(org.apache.spark.sql.Encoders.LOCALDATE()).collectAsList());
        rows.write().mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy(DailySales.DAY)
                .parquet(table);
        for (LocalDate day : days) {
            if (!written.contains(day)) {
                delete(new Path(table, DailySales.DAY + "=" + day));
            }
        }
    }

    /** The table's rows for {@code [first, last]}; null while it has no day at all (Parquet then has no schema to read). */
    public Dataset<Row> read(LocalDate first, LocalDate last) {
        Path root = new Path(table);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root) || java.util.Arrays.stream(fs.listStatus(root))
                    .noneMatch(s -> s.isDirectory() && s.getPath().getName().startsWith(DailySales.DAY + "="))) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spark.read().parquet(table)
                .where(col(DailySales.DAY).between(first.toString(), last.toString()));
    }

    private void delete(Path partition) {
        try {
            FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(partition)) {
                fs.delete(partition, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + partition, e);
        }
    }
}
