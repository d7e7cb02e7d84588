package org.commercecore.gateway.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * One public read the gateway keeps: the answer's body, the headers that describe it, its entity
 * tag (the backend's, or a hash of the body), and how long it may be served.
 */
record CachedRead(byte[] body, String contentType, String cacheControl, String etag, Instant stored, Duration maxAge) {
    /** The backend answer headers a cached copy keeps; per-request ones (X-Request-Id, ...) are the new request's. */
    static CachedRead of(byte[] body, HttpHeaders headers, Duration maxAge, Instant now) {
        String etag = headers.getETag() != null ? headers.getETag() : etag(body);
        return new CachedRead(body, headers.getFirst(HttpHeaders.CONTENT_TYPE), headers.getCacheControl(), etag, now, maxAge);
    }

    /** A strong tag: the first 128 bits of the body's SHA-256. */
    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9110 If-None-Match: any listed tag equal by weak comparison, or {@code *}. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        String ours = opaque(etag);
        return ifNoneMatch.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(ours));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    long ageSeconds(Instant now) {
        return Math.max(0, Duration.between(stored, now).toSeconds());
    }
}
