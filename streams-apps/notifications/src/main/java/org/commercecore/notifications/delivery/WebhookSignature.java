package org.commercecore.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, in the Standard Webhooks form: HMAC-SHA256, keyed with the endpoint's
 * secret, over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as
 * {@code webhook-signature: v1,<base64>}. Signing the id and the timestamp with the body is what
 * lets a receiver refuse a replay: an old request's timestamp is outside its tolerance, and a
 * re-stamped one no longer matches. {@link #verify} is what a receiver runs (docs/notifications.md).
 */
public final class WebhookSignature {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String VERSION = "v1,";

    private final byte[] secret;

    public WebhookSignature(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a webhook secret needs at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    public String sign(String id, long timestampSeconds, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(mac(id, timestampSeconds, body));
    }

    /**
     * Whether a received request is authentic and fresh: one of the signatures in the header (a
     * space-separated list, so a sender can rotate secrets) matches, and the timestamp is within
     * {@code tolerance} of {@code now}. Deduplicating on the id is the receiver's other half.
     */
    public boolean verify(String id, String timestamp, String signatures, byte[] body, Instant now, Duration tolerance) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = mac(id, seconds, body);
        for (String candidate : signatures.trim().split(" +")) {
            if (candidate.startsWith(VERSION)) {
                try {
                    if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(VERSION.length())))) {
                        return true;
                    }
                } catch (IllegalArgumentException notBase64) {
                    // another candidate may still match
                }
            }
        }
        return false;
    }

    private byte[] mac(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
