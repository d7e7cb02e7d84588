package org.commercecore.notifications.delivery;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commercecore.schemas.notifications.Notification;

/**
 * The HTML part of a notification mail, from {@code templates/mail/notification.peb}. Pebble
 * escapes every value for HTML (its default strategy): a display name or a reason is text a
 * customer or a client wrote, and must reach the mail as text, never as markup.
 */
public final class MailTemplates {
    private final PebbleEngine engine;
    private final PebbleTemplate template;

    public MailTemplates() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates/mail");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).defaultEscapingStrategy("html")
                .strictVariables(true).build();
        this.template = engine.getTemplate("notification");
    }

    /** The HTML part from {@code templates/mail/<name>.peb}, every value escaped (compiled once, on first use). */
    public String html(String name, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(name).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Paragraphs as lists of lines: a template joins lines with {@code <br>}, so no markup is built from text here. */
    public static List<List<String>> paragraphs(String text) {
        return Arrays.stream(text.strip().split("\\n\\s*\\n")).map(p -> List.of(p.split("\\n"))).toList();
    }

    public String html(Notification n) {
        Map<String, Object> context = new HashMap<>();
        context.put("subject", n.getSubject());
        context.put("paragraphs", paragraphs(n.getBody()));
        context.put("kind", n.getKind().name());
        context.put("order_id", n.getDetails().getOrDefault("order_id", ""));
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
