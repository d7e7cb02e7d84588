package org.commercecore.gateway.ratelimit;

import org.commercecore.gateway.edge.ClientAddresses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strict limit on {@code POST /auth/login}, against password guessing: attempts per account
 * (the e-mail in the body, trimmed and lower-cased, kept in Redis only as its SHA-256) and per client
 * address, each attempt counted whatever its outcome (the address first; an attempt refused there
 * leaves the account's bucket alone). The command API also limits failed
 * logins itself, so a client that reaches it around the gateway gets no more guesses. The body is
 * read once here (within the edge's body limit) and replayed to the command API unchanged; a body
 * without a readable e-mail is limited per address only, and the command API answers it 400.
 */
@Component
public final class LoginLimit implements GatewayFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RateLimits limits;
    private final ClientAddresses addresses;

    public LoginLimit(RateLimits limits, ClientAddresses addresses) {
        this.limits = limits;
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ServerWebExchangeUtils.cacheRequestBodyAndRequest(exchange, request -> {
            ServerWebExchange replaying = exchange.mutate().request(request).build();
            DataBuffer body = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
            String address = addresses.bucket(exchange);
            List<RateLimits.Check> checks = account(body)
                    .map(account -> List.of(new RateLimits.Check(RateLimits.LOGIN_ADDRESS, address),
                            new RateLimits.Check(RateLimits.LOGIN_ACCOUNT, account)))
                    .orElseGet(() -> List.of(new RateLimits.Check(RateLimits.LOGIN_ADDRESS, address)));
            return limits.admit(replaying, checks)
                    .flatMap(allowed -> allowed ? chain.filter(replaying) : limits.refuse(replaying));
        });
    }

    static Optional<String> account(DataBuffer body) {
        if (body == null) {
            return Optional.empty();
        }
        try {
            JsonNode email = JSON.readTree(body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8)).get("email");
            if (email == null || !email.isString() || email.asString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(sha256(email.asString().trim().toLowerCase(Locale.ROOT)));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
