package org.commercecore.notifications.compose;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.commercecore.schemas.notifications.NotificationKind;

/**
 * The plain-text subject and body of each kind, from {@code templates/text/<KIND>.peb} (Pebble, one
 * template per kind with a {@code subject} and a {@code body} block). Plain text is not escaped:
 * it is never interpreted; the HTML part of a mail is rendered by the mail sender, escaped.
 * Every kind's template is compiled at start, so a missing or broken one stops the app there. A
 * detail an event did not carry renders as nothing (templates test for it with {@code is not null}).
 */
public final class Messages {
    private final Map<NotificationKind, PebbleTemplate> templates = new EnumMap<>(NotificationKind.class);

    public Messages() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates/text");
        loader.setSuffix(".peb");
        PebbleEngine engine = new PebbleEngine.Builder().loader(loader).autoEscaping(false).strictVariables(false)
                .newLineTrimming(false).build();
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind != NotificationKind.UNKNOWN) {
                templates.put(kind, engine.getTemplate(kind.name()));
            }
        }
    }

    public record Message(String subject, String body) {
    }

    /** {@code details} as the template's variables, with {@code name}: how to address the recipient. */
    public Message render(NotificationKind kind, String name, Map<String, String> details) {
        PebbleTemplate template = templates.get(kind);
        if (template == null) {
            throw new IllegalArgumentException("no message for notification kind " + kind);
        }
        Map<String, Object> context = new HashMap<>(details);
        context.put("name", name);
        return new Message(block(template, "subject", context).strip(), block(template, "body", context).strip() + "\n");
    }

    private static String block(PebbleTemplate template, String block, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            template.evaluateBlock(block, out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
