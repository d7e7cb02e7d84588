package org.commercecore.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commercecore.gateway.GatewaySettings;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's cache of public reads (product cards, top sellers), in memory (Caffeine) per gateway
 * instance. What is kept: a 200 to a GET with neither an {@code Authorization} header nor a cookie,
 * whose backend said {@code Cache-Control: public, max-age=N}; kept for N seconds or the configured
 * maximum, whichever is shorter. Every answer, from the cache or not, carries an {@code ETag} and
 * answers {@code If-None-Match} with 304. Authenticated requests pass by the cache both ways.
 *
 * <p>Spring Cloud Gateway's own LocalResponseCache was not used: its key includes the Authorization
 * header (so it keeps authenticated answers, one per token), and it does not answer
 * {@code If-None-Match} with 304.
 */
@Component
public final class PublicReadCache implements GatewayFilter {
    public static final String CACHE_STATUS = "X-Gateway-Cache";
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age=(\\d+)");

    private final Cache<String, CachedRead> reads;
    private final Duration maxAge;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;

    public PublicReadCache(GatewaySettings gateway, MeterRegistry meters) {
        GatewaySettings.Cache settings = gateway.cache();
        this.maxAge = settings.maxAge();
        this.meters = meters;
        this.reads = Caffeine.newBuilder().maximumSize(settings.maxEntries()).expireAfter(new Expiry<String, CachedRead>() {
            @Override
            public long expireAfterCreate(String key, CachedRead read, long now) {
                return read.maxAge().toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, CachedRead read, long now, long remaining) {
                return read.maxAge().toNanos();
            }

            @Override
            public long expireAfterRead(String key, CachedRead read, long now, long remaining) {
                return remaining;
            }
        }).build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.GET.equals(request.getMethod()) || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || request.getHeaders().containsHeader(HttpHeaders.COOKIE)) {
            return chain.filter(exchange);
        }
        String key = key(request);
        CachedRead cached = reads.getIfPresent(key);
        if (cached != null) {
            count("hit");
            return answer(exchange, cached, "hit");
        }
        return chain.filter(exchange.mutate().response(new Storing(exchange, key)).build());
    }

    /** {@code commerce.gateway.cache{result=hit|miss|bypass}}: public reads answered from the cache, kept, or not keepable. */
    private void count(String result) {
        meters.counter("commerce.gateway.cache", "result", result).increment();
    }

    private static String key(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return request.getURI().getRawPath() + (query == null ? "" : "?" + query);
    }

    private Mono<Void> answer(ServerWebExchange exchange, CachedRead read, String status) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.setETag(read.etag());
        headers.setCacheControl(read.cacheControl());
        headers.set(HttpHeaders.AGE, Long.toString(read.ageSeconds(clock.instant())));
        headers.set(CACHE_STATUS, status);
        if (CachedRead.matches(exchange.getRequest().getHeaders().getIfNoneMatch(), read.etag())) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        if (read.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, read.contentType());
        }
        headers.setContentLength(read.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(read.body())));
    }

    /** How long the backend lets anyone keep this answer, if at all. */
    Optional<Duration> shareableFor(HttpHeaders headers) {
        String cacheControl = headers.getCacheControl();
        if (cacheControl == null) {
            return Optional.empty();
        }
        if (headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
            return Optional.empty(); // compressed for one reader; the route asks for identity, so this is a backend's surprise
        }
        String directives = cacheControl.toLowerCase(Locale.ROOT);
        if (!directives.contains("public") || directives.contains("no-store") || directives.contains("private")
                || directives.contains("no-cache")) {
            return Optional.empty();
        }
        Matcher m = MAX_AGE.matcher(directives);
        if (!m.find()) {
            return Optional.empty();
        }
        Duration backend = Duration.ofSeconds(Long.parseLong(m.group(1)));
        Duration keep = backend.compareTo(maxAge) < 0 ? backend : maxAge;
        return keep.isZero() ? Optional.empty() : Optional.of(keep);
    }

    /** Passes the backend's answer on, keeping it first when it may be kept. */
    private final class Storing extends ServerHttpResponseDecorator {
        private final ServerWebExchange exchange;
        private final String key;

        Storing(ServerWebExchange exchange, String key) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!HttpStatus.OK.equals(getStatusCode())) {
                return super.writeWith(body);
            }
            return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                Instant now = clock.instant();
                Optional<Duration> keep = shareableFor(getHeaders());
                CachedRead read = CachedRead.of(bytes, getHeaders(), keep.orElse(Duration.ZERO), now);
                keep.ifPresent(k -> reads.put(key, read));
                getHeaders().setETag(read.etag());
                String status = keep.isPresent() ? "miss" : "bypass";
                count(status);
                getHeaders().set(CACHE_STATUS, status);
                if (CachedRead.matches(exchange.getRequest().getHeaders().getIfNoneMatch(), read.etag())) {
                    setStatusCode(HttpStatus.NOT_MODIFIED);
                    getHeaders().remove(HttpHeaders.CONTENT_TYPE);
                    getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
                    return getDelegate().setComplete();
                }
                return getDelegate().writeWith(Mono.just(bufferFactory().wrap(bytes)));
            });
        }
    }
}
