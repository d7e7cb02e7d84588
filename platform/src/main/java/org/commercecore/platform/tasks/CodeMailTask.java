package org.commercecore.platform.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The task "mail this one-time code", as the command API queues it on {@link TaskQueue#CODE_MAILS}
 * and the code worker reads it (JSON, message type {@link #TYPE}). The code travels in the clear to
 * the worker, who must mail it; the command API keeps only its hash. {@code expiresAt} is when the
 * code stops working: a task still queued after that is not mailed.
 */
public record CodeMailTask(String taskId, Purpose purpose, String email, String displayName, String code, Instant expiresAt) {
    public static final String TYPE = "commerce.code-mail.v1";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

    public enum Purpose {
        @JsonProperty("login") LOGIN,
        @JsonProperty("verify_email") VERIFY_EMAIL
    }

    public CodeMailTask {
        Objects.requireNonNull(taskId, "task_id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "display_name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expires_at");
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a code mail task: " + e.getMessage(), e);
        }
    }

    /** The task in {@code json}; an {@link IOException} naming what is wrong when it is not one. */
    public static CodeMailTask fromJson(byte[] json) throws IOException {
        try {
            return JSON.readValue(json, CodeMailTask.class);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Without the code: tasks are logged and dead-lettered by this. */
    @Override
    public String toString() {
        return "CodeMailTask[" + taskId + ", " + purpose + ", expires " + expiresAt + "]";
    }
}
