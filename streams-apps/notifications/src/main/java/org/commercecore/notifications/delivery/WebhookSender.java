package org.commercecore.notifications.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import org.commercecore.schemas.notifications.Channel;
import org.commercecore.schemas.notifications.Notification;

/**
 * Delivers a channel's notifications by a signed POST to one endpoint (for PUSH: the shop's push
 * service, which knows the customer's devices). At most {@code concurrency} requests are open to
 * the endpoint at once, however many worker threads there are: a slow receiver slows its own
 * deliveries and does not get flooded by retries.
 */
public final class WebhookSender implements NotificationSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;
    private final URI endpoint;
    /** The endpoint as reasons and logs show it: no user info, no query (either may carry a credential). */
    private final String shown;
    private final WebhookSignature signature;
    private final Semaphore open;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;

    public WebhookSender(Channel channel, URI endpoint, WebhookSignature signature, int concurrency, Duration timeout, Clock clock) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.shown = endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
        this.signature = signature;
        this.open = new Semaphore(concurrency, true);
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void send(Notification notification) throws DeliveryFailure {
        byte[] body = body(notification);
        String id = notification.getNotificationId();
        long now = clock.instant().getEpochSecond(); // stamped per attempt: a retry is a fresh request, signed afresh
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.ID, id)
                .header(WebhookSignature.TIMESTAMP, Long.toString(now))
                .header(WebhookSignature.SIGNATURE, signature.sign(id, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted while waiting for the endpoint", true, e);
        }
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new DeliveryFailure("webhook " + shown + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted during the webhook request", true, e);
        } finally {
            open.release();
        }
        if (status / 100 == 2) {
            return;
        }
        // 408 and 429 ask to come back later, as does any 5xx; any other answer will not change by asking again
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new DeliveryFailure("webhook " + shown + " answered " + status, retryable);
    }

    /** What the receiver gets: docs/notifications.md shows it. */
    static byte[] body(Notification n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer_id", n.getCustomerId());
        data.put("correlation_id", n.getCorrelationId());
        data.put("kind", n.getKind().name());
        data.put("channel", n.getChannel().name());
        data.put("recipient", n.getRecipient());
        data.put("subject", n.getSubject());
        data.put("body", n.getBody());
        data.put("details", new TreeMap<>(n.getDetails()));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", n.getNotificationId());
        envelope.put("type", "notification." + n.getKind().name().toLowerCase(Locale.ROOT));
        envelope.put("timestamp", n.getOccurredAt().toString());
        envelope.put("data", data);
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification is plain strings and maps", e);
        }
    }
}
