package org.commercecore.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the gateway, bound from {@code commerce.gateway.*}, which application.yml fills
 * from {@code COMMERCE_*} variables (docs/gateway.md lists them). Checked when bound: a gateway with
 * a wrong setting does not start, and the message names the setting.
 *
 * @param commandUrls    the command API's instances
 * @param queryUrls      the query API's instances
 * @param tokenSecret    the access tokens' HMAC secret, the same as the APIs' (no default: the stack hands it over)
 * @param corsOrigins    origins allowed to call from a browser; empty: none
 * @param maxBodyBytes   the largest request body accepted
 * @param commandTimeout how long a command request may take before the gateway answers 504
 * @param queryTimeout   the same for the query API, whose waiting reads take up to 30 s
 * @param limits         the rate limits
 * @param cache          the public-read cache
 */
@ConfigurationProperties("commerce.gateway")
public record GatewaySettings(List<URI> commandUrls, List<URI> queryUrls, String tokenSecret, List<String> corsOrigins,
                              long maxBodyBytes, Duration commandTimeout, Duration queryTimeout, Limits limits, Cache cache) {
    /** As the APIs require (AccessTokens): HS256 with a shorter key is guessable. */
    static final int MIN_SECRET_BYTES = 32;

    public GatewaySettings {
        require(commandUrls != null && !commandUrls.isEmpty(), "command-urls", "must list at least one instance");
        require(queryUrls != null && !queryUrls.isEmpty(), "query-urls", "must list at least one instance");
        commandUrls.forEach(url -> require(instance(url), "command-urls", "must be http(s)://host:port, no path, got " + url));
        queryUrls.forEach(url -> require(instance(url), "query-urls", "must be http(s)://host:port, no path, got " + url));
        require(tokenSecret != null && tokenSecret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES, "token-secret",
                "must be set, at least " + MIN_SECRET_BYTES + " bytes (COMMERCE_AUTH_TOKEN_SECRET, the APIs' own)");
        require(maxBodyBytes > 0, "max-body-bytes", "must be positive");
        require(positive(commandTimeout), "command-timeout", "must be positive");
        require(positive(queryTimeout), "query-timeout", "must be positive");
        require(limits != null, "limits", "must be set");
        require(cache != null, "cache", "must be set");
        commandUrls = List.copyOf(commandUrls);
        queryUrls = List.copyOf(queryUrls);
        corsOrigins = corsOrigins == null ? List.of() : corsOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    /**
     * A token bucket: {@code burst} requests at once, refilled at {@code requests} per {@code per}.
     * Written as "requests per period" because login limits are a few per minute, which a whole
     * number of tokens per second cannot say.
     */
    public record Limit(int requests, Duration per, int burst) {
        public Limit {
            require(requests > 0, "limits.*.requests", "must be positive");
            require(positive(per), "limits.*.per", "must be positive");
            require(burst >= 1, "limits.*.burst", "must be at least 1");
        }
    }

    /**
     * @param user         per authenticated user (the token's subject)
     * @param anonymous    per client address, for calls without a token
     * @param loginAccount login attempts per account (the e-mail in the body)
     * @param loginAddress login attempts per client address
     * @param trustedHops  how many proxies in front of the gateway append to X-Forwarded-For (0: the peer is the client)
     */
    public record Limits(Limit user, Limit anonymous, Limit loginAccount, Limit loginAddress, int trustedHops) {
        public Limits {
            require(user != null && anonymous != null && loginAccount != null && loginAddress != null, "limits",
                    "user, anonymous, login-account and login-address must all be set");
            require(trustedHops >= 0, "limits.trusted-hops", "must not be negative");
        }
    }

    /** @param maxAge the longest a public read is served from the gateway; @param maxEntries how many are kept */
    public record Cache(Duration maxAge, long maxEntries) {
        public Cache {
            require(positive(maxAge), "cache.max-age", "must be positive");
            require(maxEntries > 0, "cache.max-entries", "must be positive");
        }
    }

    private static boolean instance(URI url) {
        return url != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null
                && url.getPort() > 0 && (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
                && url.getRawQuery() == null;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String setting, String what) {
        if (!ok) {
            throw new IllegalArgumentException("commerce.gateway." + setting + " " + what);
        }
    }
}
