package org.commercecore.gateway.ratelimit;

import java.time.Duration;
import org.commercecore.gateway.GatewaySettings;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * One rate limit as Spring Cloud Gateway's Redis token bucket sees it. The bucket refills a whole
 * number of tokens per second, so a limit slower than one request a second (logins: a few a minute)
 * becomes one token a second with each request costing several.
 */
record Policy(String name, GatewaySettings.Limit limit, int tokensPerSecond, int tokensPerRequest) {
    static Policy of(String name, GatewaySettings.Limit limit) {
        double perSecond = limit.requests() / (limit.per().toMillis() / 1000.0);
        if (perSecond >= 1) {
            return new Policy(name, limit, (int) Math.round(perSecond), 1);
        }
        return new Policy(name, limit, 1, (int) Math.round(1 / perSecond));
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
