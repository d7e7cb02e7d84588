package org.commercecore.notifications;

import java.time.Duration;
import java.util.List;
import org.commercecore.notifications.compose.NoticeRules;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Setting;

/** The notifications app's own settings (besides every Streams app's). */
public final class NotificationsSettings {
    static final Setting<Duration> DEDUP_WINDOW = Setting.duration("notifications.dedup.window",
            "how long a source event's id is remembered so it is notified once; an event older than this is not notified at all",
            Duration.ofDays(7)).requiring(d -> d.toMinutes() >= 1, "must be at least a minute");
    static final Setting<Duration> HOLD_RETRY = Setting.duration("notifications.hold.retry",
            "how often a notice whose customer is not known yet is tried again", Duration.ofSeconds(1))
            .requiring(d -> d.toMillis() >= 10, "must be at least 10 ms");
    static final Setting<Duration> HOLD_LONGEST = Setting.duration("notifications.hold.longest",
            "how long a notice waits for its customer to appear on customers.v1 before it is dead-lettered",
            Duration.ofHours(24)).requiring(d -> !d.isNegative() && !d.isZero(), "must be positive");

    private NotificationsSettings() {
    }

    static NoticeRules rules(ConfigSource source) {
        return new NoticeRules(source.get(DEDUP_WINDOW), source.get(HOLD_RETRY), source.get(HOLD_LONGEST));
    }

    public static List<Setting<?>> all() {
        return List.of(DEDUP_WINDOW, HOLD_RETRY, HOLD_LONGEST);
    }
}
