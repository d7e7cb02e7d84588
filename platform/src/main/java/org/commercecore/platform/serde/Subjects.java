package org.commercecore.platform.serde;

/** Confluent's topic-name strategy: a topic's key schemas live under {@code <topic>-key}, values under {@code <topic>-value}. */
public final class Subjects {
    private Subjects() {
    }

    public static String of(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
