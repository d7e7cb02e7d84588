package org.commercecore.notifications.codes;

import java.util.List;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.Setting;
import org.commercecore.platform.tasks.TaskSettings;

/** The code mail worker's settings; it mails with the delivery worker's SMTP settings and retries. */
public final class CodeMailSettings {
    static final Setting<Integer> PREFETCH = Setting.integer("codes.prefetch",
            "code mail tasks one worker holds unacked at once, each mailed on a thread of its own", 4)
            .requiring(n -> n >= 1 && n <= 100, "must be between 1 and 100");

    private CodeMailSettings() {
    }

    public static int prefetch(ConfigSource source) {
        return source.get(PREFETCH);
    }

    public static List<Setting<?>> all() {
        return List.of(PREFETCH, TaskSettings.AMQP_URL, TaskSettings.AMQP_USER, TaskSettings.AMQP_PASSWORD);
    }
}
