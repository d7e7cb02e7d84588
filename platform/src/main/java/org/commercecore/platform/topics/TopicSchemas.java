package org.commercecore.platform.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.commercecore.platform.registry.SchemaRegistry;

/**
 * Registers the Avro schemas of topics under their subjects. It lives on the topics side so the
 * registry deals in subjects and schemas only and knows nothing of topics.
 */
public final class TopicSchemas {
    private TopicSchemas() {
    }

    /** A schema registered under a subject, with the id a Confluent client will see. */
    public record Registered(String subject, int id) {
    }

    /**
     * Registers the key and value schemas of every Avro topic given, one call after another (the
     * embedded registry fails registrations that arrive at the same moment).
     */
    public static List<Registered> registerAll(SchemaRegistry registry, Collection<? extends Topic<?, ?>> topics) {
        List<Registered> done = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            topic.key().avroSchema().ifPresent(s -> done.add(new Registered(topic.keySubject(),
                    registry.register(topic.keySubject(), s))));
            topic.value().avroSchema().ifPresent(s -> done.add(new Registered(topic.valueSubject(),
                    registry.register(topic.valueSubject(), s))));
        }
        return done;
    }
}
