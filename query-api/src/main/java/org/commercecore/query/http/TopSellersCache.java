package org.commercecore.query.http;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The top-sellers answers in Redis, shared by every instance: one hash {@code query:top-sellers}
 * (field = window in minutes) that expires after a short TTL and is dropped as soon as sales move,
 * so a hot page costs one Redis read instead of a lookup on the instance owning the ranking.
 */
public final class TopSellersCache {
    static final String KEY = "query:top-sellers";

    private final UnifiedJedis redis;
    private final Duration ttl;

    public TopSellersCache(UnifiedJedis redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    Optional<String> get(long windowMinutes) {
        return Optional.ofNullable(redis.hget(KEY, String.valueOf(windowMinutes)));
    }

    void put(long windowMinutes, String json) {
        redis.hset(KEY, String.valueOf(windowMinutes), json);
        // the TTL counts from the first answer cached, not the last (EXPIRE ... NX needs Redis 7; the embedded one is 6.2)
        if (redis.ttl(KEY) < 0) {
            redis.expire(KEY, ttl.toSeconds());
        }
    }

    /** Sales moved: the next request asks the view again. */
    public void invalidate() {
        redis.del(KEY);
    }
}
