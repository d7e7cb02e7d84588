package org.commercecore.localstack.parts;

import java.util.Optional;

/** One running piece of infrastructure, embedded or external. Closing an external part does nothing. */
public interface Part extends AutoCloseable {

    /** Short name shown in the start-up table, e.g. "kafka". */
    String name();

    /** Where clients reach it, e.g. "127.0.0.1:9092" or a URL. */
    String address();

    /** "embedded" when this stack started it, "external" when it was given. */
    default String origin() {
        return "embedded";
    }

    /** The operating-system process behind it, when it runs outside this JVM and was started by us. */
    default Optional<ProcessHandle> process() {
        return Optional.empty();
    }

    @Override
    void close();
}
