package org.commercecore.gateway.ratelimit;

import java.time.Duration;
import org.commercecore.gateway.GatewaySettings;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * One rate limit as Spring Cloud Gateway's Redis token bucket sees it. The bucket refills a whole
 * number of tokens per second, so "{@code requests} per {@code per} seconds" becomes {@code requests}
 * tokens a second with each request costing {@code per} of them: exact for any whole-second period
 * (logins: 5 a minute is 5 tokens a second, 60 a request).
 */
record Policy(String name, GatewaySettings.Limit limit, int tokensPerSecond, int tokensPerRequest) {
    static Policy of(String name, GatewaySettings.Limit limit) {
        long seconds = limit.per().toSeconds();
        if (seconds < 1 || limit.per().toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("commerce.gateway.limits." + name + ".per must be a whole number of seconds, got " + limit.per());
        }
        // the bucket script keeps no state (and so limits nothing) when it would refill in under half a second
        if (2L * limit.burst() * seconds < limit.requests()) {
            throw new IllegalArgumentException("commerce.gateway.limits." + name + ".burst must be at least half the requests per second ("
                    + limit.requests() + " per " + limit.per() + "), got " + limit.burst());
        }
        return new Policy(name, limit, limit.requests(), Math.toIntExact(seconds));
    }

    RedisRateLimiter.Config config() {
        return new RedisRateLimiter.Config().setReplenishRate(tokensPerSecond).setRequestedTokens(tokensPerRequest)
                .setBurstCapacity((long) limit.burst() * tokensPerRequest);
    }

    /** Requests left in the bucket, from the tokens the limiter reports. */
    long requestsLeft(long tokens) {
        return Math.max(0, tokens) / tokensPerRequest;
    }

    /** Until the next request is allowed again: one request's tokens at the refill rate. */
    Duration untilNext() {
        return Duration.ofMillis((long) Math.ceil(1000.0 * tokensPerRequest / tokensPerSecond));
    }

    /** Until the bucket is full again. */
    Duration untilFull(long tokens) {
        long missing = (long) limit.burst() * tokensPerRequest - Math.max(0, tokens);
        return Duration.ofMillis((long) Math.ceil(1000.0 * missing / tokensPerSecond));
    }
}
