package org.commercecore.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import org.commercecore.gateway.GatewaySettings;
import org.commercecore.gateway.edge.Problems;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rate limits, kept in Redis by Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket
 * per key, updated by one Lua script), so every gateway instance draws from the same buckets. Keys:
 * {@code user:<subject>}, {@code anonymous:<client address>}, {@code login-account:<sha-256 of the
 * e-mail>}, {@code login-address:<client address>} (an IPv6 client by its /64); Redis holds each as
 * {@code request_rate_limiter.{<policy>.<bucket>}.tokens} and {@code .timestamp}.
 *
 * <p>An allowed request carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the bucket is full); a refused one is answered 429
 * problem+json with {@code Retry-After} and never reaches a service. When Redis cannot be reached
 * the limiter lets requests through (its own choice, logged by it) and the gateway's readiness
 * turns false, so a load balancer in front moves traffic to an instance that can count. Counted on
 * /metrics: {@code commerce.gateway.rate.limited{policy}} (refusals) and
 * {@code commerce.gateway.rate.unchecked{policy}} (requests let through uncounted).
 */
@Component
public final class RateLimits {
    static final String USER = "user";
    static final String ANONYMOUS = "anonymous";
    static final String LOGIN_ACCOUNT = "login-account";
    static final String LOGIN_ADDRESS = "login-address";

    private final RedisRateLimiter limiter;
    private final Map<String, Policy> policies;
    private final MeterRegistry meters;

    public RateLimits(RedisRateLimiter limiter, GatewaySettings settings, MeterRegistry meters) {
        this.limiter = limiter;
        this.meters = meters;
        GatewaySettings.Limits limits = settings.limits();
        this.policies = Map.of(USER, Policy.of(USER, limits.user()), ANONYMOUS, Policy.of(ANONYMOUS, limits.anonymous()),
                LOGIN_ACCOUNT, Policy.of(LOGIN_ACCOUNT, limits.loginAccount()),
                LOGIN_ADDRESS, Policy.of(LOGIN_ADDRESS, limits.loginAddress()));
        // the limiter looks a policy up by the "route id" it is asked with: the policies are its routes
        policies.values().forEach(p -> limiter.getConfig().put(p.name(), p.config()));
    }

    /** One check: which policy, and whose bucket. */
    record Check(String policy, String key) {
    }

    /**
     * Draws from the buckets in {@code checks}, in order, until one refuses (the later ones are then
     * left alone: a client refused per address does not drain an account's bucket); true when all
     * allowed the request. The last check's headers describe the caller's limit on an allowed request.
     */
    Mono<Boolean> admit(ServerWebExchange exchange, List<Check> checks) {
        return Flux.fromIterable(checks)
                .concatMap(check -> limiter.isAllowed(check.policy(), check.policy() + ":" + check.key())
                        .map(response -> new Outcome(policies.get(check.policy()), response)))
                .takeUntil(outcome -> !outcome.response().isAllowed())
                .collectList()
                .map(outcomes -> {
                    for (Outcome o : outcomes) {
                        if (o.unchecked()) {
                            // Redis did not answer and the limiter let the request through: visible here, not only in its log
                            meters.counter("commerce.gateway.rate.unchecked", "policy", o.policy().name()).increment();
                        }
                        if (!o.response().isAllowed()) {
                            meters.counter("commerce.gateway.rate.limited", "policy", o.policy().name()).increment();
                            o.describe(exchange.getResponse().getHeaders());
                            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(o.policy().untilNext())));
                            exchange.getAttributes().put(Outcome.class.getName(), o);
                            return false;
                        }
                    }
                    outcomes.get(outcomes.size() - 1).describe(exchange.getResponse().getHeaders());
                    return true;
                });
    }

    Mono<Void> refuse(ServerWebExchange exchange) {
        Outcome refused = exchange.getAttribute(Outcome.class.getName());
        String which = switch (refused.policy().name()) {
            case LOGIN_ACCOUNT -> "too many login attempts for this account";
            case LOGIN_ADDRESS -> "too many login attempts from this address";
            case USER -> "too many requests for this user";
            default -> "too many requests from this address";
        };
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                which + " (" + refused.policy().limit().requests() + " per " + refused.policy().limit().per().toSeconds()
                        + " s, bursts of " + refused.policy().limit().burst() + "); try again in "
                        + seconds(refused.policy().untilNext()) + " s");
    }

    private record Outcome(Policy policy, RateLimiter.Response response) {
        boolean unchecked() {
            return response.isAllowed() && tokens(response) < 0;
        }

        void describe(HttpHeaders headers) {
            long tokens = tokens(response);
            if (tokens < 0) {
                return; // Redis did not answer: the limiter let the request through without a count
            }
            headers.set("RateLimit-Limit", Integer.toString(policy.limit().burst()));
            headers.set("RateLimit-Remaining", Long.toString(policy.requestsLeft(tokens)));
            headers.set("RateLimit-Reset", Long.toString(seconds(policy.untilFull(tokens))));
        }

        private static long tokens(RateLimiter.Response response) {
            String remaining = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
            try {
                return remaining == null ? -1 : Long.parseLong(remaining);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
