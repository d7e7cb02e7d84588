package org.commercecore.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a record, oldest first, as the modules' builds package them: a
 * module's {@code released/} directory goes to {@code avro/released/} on the classpath, one file
 * per version named {@code <full name>.v<n>.avsc}, n counting from 1 without gaps. The name is
 * derived from the record's full name so a reader needs no index, and every version is kept
 * because a compacted changelog can hold a value written by any of them.
 */
public final class ReleasedSchemas {
    public static final String RESOURCE_DIR = "avro/released/";

    private ReleasedSchemas() {
    }

    public static List<Schema> of(String fullName, ClassLoader classLoader) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            URL resource = classLoader.getResource(RESOURCE_DIR + fileName(fullName, version));
            if (resource == null) {
                return List.copyOf(versions);
            }
            versions.add(parse(resource));
        }
    }

    /** The file holding a record's n-th released version, in a module's released/ directory and on the classpath. */
    public static String fileName(String fullName, int version) {
        return fullName + ".v" + version + ".avsc";
    }

    private static Schema parse(URL resource) {
        try (InputStream in = resource.openStream()) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + resource, e);
        }
    }
}
