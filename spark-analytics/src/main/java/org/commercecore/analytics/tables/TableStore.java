package org.commercecore.analytics.tables;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The analytics tables' directory and the offsets they hold, kept consistent across crashes. A
 * run writes its rows to {@code _staging/}, records the offsets it read up to in {@code
 * _checkpoint/pending.json} (the commit point), moves its files into the tables and only then
 * makes those offsets the committed ones. A run that dies before the commit point leaves staging
 * that the next run deletes (and reads the same offsets again); one that dies after it is finished
 * by the next run. Either way every record lands in the tables once.
 *
 * <p>Moving is a rename, atomic per file on HDFS and local disks; on object stores (s3a) it is a
 * copy, and a reader may see part of a run's files while they are moved, never a file twice.
 */
public final class TableStore {
    private static final TypeReference<Map<String, Map<Integer, Long>>> OFFSETS = new TypeReference<>() {
    };
    private final ObjectMapper json = new ObjectMapper();
    private final FileSystem fs;
    private final Path root;

    public TableStore(String root, Configuration hadoop) {
        this.root = new Path(root);
        try {
            this.fs = this.root.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + root, e);
        }
    }

    public String table(String name) {
        return new Path(root, name).toString();
    }

    public String staging(String name) {
        return new Path(staging(), name).toString();
    }

    /** Finishes a run that reached its commit point, or discards one that did not. Returns what it did. */
    public String recover() {
        try {
            if (fs.exists(pending())) {
                int moved = publish();
                commitPending();
                return "finished the last run, which had stopped after its commit point (" + moved + " files moved)";
            }
            if (fs.exists(staging())) {
                fs.delete(staging(), true);
                return "discarded the unfinished files of a run that stopped before its commit point";
            }
            return "nothing to recover";
        } catch (IOException e) {
            throw new UncheckedIOException("recovering " + root + " failed", e);
        }
    }

    /** Topic to partition to the next offset to read; empty before the first run. */
    public Map<String, Map<Integer, Long>> committedOffsets() {
        try {
            if (!fs.exists(committed())) {
                return new TreeMap<>();
            }
            try (InputStream in = fs.open(committed())) {
                return json.readValue(in, OFFSETS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + committed(), e);
        }
    }

    /** A full rebuild: every table and the offsets go; the next read starts at the topics' beginning. */
    public void clear() {
        try {
            // the offsets first: a crash after them leaves tables the next run rebuilds, never tables without their history
            fs.delete(pending(), false);
            fs.delete(committed(), false);
            fs.delete(staging(), true);
            for (String table : AnalyticsTables.ALL) {
                fs.delete(new Path(root, table), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + root, e);
        }
    }

    /** The staged files become the tables' and {@code offsets} the committed ones. Returns the files moved. */
    public int commit(Map<String, Map<Integer, Long>> offsets) {
        try {
            Path temp = new Path(checkpoint(), "pending.json.tmp");
            try (OutputStream out = fs.create(temp, true)) {
                json.writerWithDefaultPrettyPrinter().writeValue(out, offsets);
            }
            if (!fs.rename(temp, pending())) {
                throw new IOException("cannot rename " + temp + " to " + pending());
            }
            int moved = publish();
            commitPending();
            return moved;
        } catch (IOException e) {
            throw new UncheckedIOException("committing the run to " + root + " failed", e);
        }
    }

    /** Moves each staged data file to the same place under the tables; a file already moved is skipped. */
    private int publish() throws IOException {
        if (!fs.exists(staging())) {
            return 0;
        }
        String prefix = fs.makeQualified(staging()).toUri().getPath();
        int moved = 0;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(staging(), true);
        while (files.hasNext()) {
            FileStatus file = files.next();
            String name = file.getPath().getName();
            if (!name.endsWith(".parquet")) {
                continue; // _SUCCESS and checksum files
            }
            String relative = file.getPath().toUri().getPath().substring(prefix.length() + 1);
            Path target = new Path(root, relative);
            if (!fs.exists(target)) {
                fs.mkdirs(target.getParent());
                if (!fs.rename(file.getPath(), target)) {
                    throw new IOException("cannot move " + file.getPath() + " to " + target);
                }
                moved++;
            }
        }
        fs.delete(staging(), true);
        return moved;
    }

    private void commitPending() throws IOException {
        fs.delete(committed(), false);
        if (!fs.rename(pending(), committed())) {
            throw new IOException("cannot rename " + pending() + " to " + committed());
        }
    }

    private Path checkpoint() {
        return new Path(root, "_checkpoint");
    }

    private Path committed() {
        return new Path(checkpoint(), "offsets.json");
    }

    private Path pending() {
        return new Path(checkpoint(), "pending.json");
    }

    private Path staging() {
        return new Path(root, "_staging");
    }
}
