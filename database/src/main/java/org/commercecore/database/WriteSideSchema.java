package org.commercecore.database;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL database to the write side's current schema by applying the versioned
 * migrations in {@code db/migration} that it has not seen yet. Safe to run at every start and from
 * several processes at once (Flyway takes a lock); it refuses a database whose applied migrations
 * differ from these files, since an edited migration means two versions of the schema exist.
 */
public final class WriteSideSchema {
    private static final Logger LOG = LoggerFactory.getLogger(WriteSideSchema.class);

    private WriteSideSchema() {
    }

    /** Applies pending migrations; returns the schema version the database is at afterwards. */
    public static String migrate(String jdbcUrl, String user, String password) {
        MigrateResult result = Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("write-side schema at version {} ({} migration(s) applied now)", version, result.migrationsExecuted);
        return version;
    }
}
