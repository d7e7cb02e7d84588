package org.commercecore.notifications.codes;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.commercecore.notifications.delivery.MailSender;
import org.commercecore.notifications.delivery.MailTemplates;
import org.commercecore.platform.tasks.CodeMailTask;

/**
 * The mail of a one-time code: subject and plain text from {@code templates/codes/<PURPOSE>.peb}
 * (a {@code subject} and a {@code body} block), the HTML part from {@code templates/mail/code.peb},
 * escaped. The task id is the mail's id, so a task delivered twice sends two mails that say they are one.
 */
public final class CodeMails {
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Map<CodeMailTask.Purpose, PebbleTemplate> texts = new EnumMap<>(CodeMailTask.Purpose.class);
    private final MailTemplates html;

    public CodeMails(MailTemplates html) {
        this.html = html;
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates/codes");
        loader.setSuffix(".peb");
        PebbleEngine engine = new PebbleEngine.Builder().loader(loader).autoEscaping(false).strictVariables(true)
                .newLineTrimming(false).build();
        for (CodeMailTask.Purpose purpose : CodeMailTask.Purpose.values()) {
            texts.put(purpose, engine.getTemplate(purpose.name()));
        }
    }

    public MailSender.Mail render(CodeMailTask task) {
        Map<String, Object> context = new HashMap<>();
        context.put("name", task.displayName());
        context.put("code", task.code());
        context.put("expires", EXPIRES.format(task.expiresAt()));
        PebbleTemplate text = texts.get(task.purpose());
        String subject = block(text, "subject", context).strip();
        String body = block(text, "body", context).strip() + "\n";
        Map<String, Object> page = new HashMap<>();
        page.put("subject", subject);
        page.put("code", task.code());
        page.put("paragraphs", MailTemplates.paragraphs(body));
        return new MailSender.Mail(task.taskId(), task.email(), subject, body, html.html("code", page));
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
