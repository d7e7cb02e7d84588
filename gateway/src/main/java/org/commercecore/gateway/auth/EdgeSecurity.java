package org.commercecore.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.commercecore.gateway.GatewaySettings;
import org.commercecore.gateway.edge.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The edge's checks, as Spring Security's resource server: a bearer token must be an HS256 JWT
 * signed with the APIs' own secret, issued by {@code commerce-core}, unexpired (the APIs' 5 s of
 * leeway), carrying a role. Anything else ({@code alg=none}, another algorithm, a forged signature,
 * no token on a non-public route) is answered 401 here and never reaches a service. No session, no
 * CSRF token (no cookies are used), no login page: the gateway is an API edge. Security headers and
 * CORS for the configured origins are set on every answer.
 */
@Configuration
@EnableWebFluxSecurity
public class EdgeSecurity {
    /**
     * The APIs' issuer and leeway (platform AccessTokens): a token the APIs accept passes the edge; the
     * edge is stricter only in also requiring a subject, which every token the command API issues has.
     */
    static final String ISSUER = "commerce-core";
    static final Duration LEEWAY = Duration.ofSeconds(5);

    /** The API: a valid token on every route but the public ones. */
    @Bean
    @Order(1)
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveJwtDecoder tokens, CorsConfigurationSource cors,
                               MeterRegistry meters) {
        ProblemAnswers answers = new ProblemAnswers(meters);
        return hardened(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/v1/**"))
                .cors(c -> c.configurationSource(cors))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.OPTIONS, "/api/v1/**").permitAll() // CORS preflights carry no token
                        .matchers(PublicRoutes.matcher()).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(tokens))
                        .authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers))
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .build();
    }

    /**
     * Everything else: on the public port no route answers it (404 problem+json, with the same
     * headers); on the ops port (loopback only) it is the health checks and the metrics, which the
     * local stack and a scraper call without a token, as every app's.
     */
    @Bean
    @Order(2)
    SecurityWebFilterChain rest(ServerHttpSecurity http) {
        return hardened(http).authorizeExchange(ex -> ex.anyExchange().permitAll()).build();
    }

    private static ServerHttpSecurity hardened(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(h -> h
                        .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)));
    }

    @Bean
    ReactiveJwtDecoder tokens(GatewaySettings settings) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withSecretKey(new SecretKeySpec(settings.tokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(validator());
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(LEEWAY),
                new JwtIssuerValidator(ISSUER),
                new JwtClaimValidator<Object>("exp", exp -> exp != null),
                new JwtClaimValidator<Object>("sub", sub -> sub != null),
                new JwtClaimValidator<Object>("role", role -> "CUSTOMER".equals(role) || "ADMIN".equals(role)),
                new JwtClaimValidator<Instant>("iat", issued -> issued == null || !issued.isAfter(Instant.now().plus(LEEWAY)))));
    }

    @Bean
    CorsConfigurationSource cors(GatewaySettings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.corsOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(settings.corsOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "X-Request-Id", "traceparent"));
            cors.setExposedHeaders(List.of("X-Request-Id", "ETag", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
                    "Location"));
            cors.setAllowCredentials(false); // bearer tokens, no cookies
            cors.setMaxAge(Duration.ofMinutes(10));
            source.registerCorsConfiguration("/api/v1/**", cors);
        }
        return source;
    }

    /**
     * 401 and 403 as problem+json; a 401 also says how to authenticate. Each is counted as
     * {@code commerce.gateway.auth.refused{reason}}: missing_token, invalid_token, forbidden.
     */
    static final class ProblemAnswers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {
        static final String REFUSED_METER = "commerce.gateway.auth.refused";
        private final MeterRegistry meters;

        ProblemAnswers(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            boolean sent = exchange.getRequest().getHeaders().containsHeader("Authorization");
            meters.counter(REFUSED_METER, "reason", sent ? "invalid_token" : "missing_token").increment();
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    sent ? "the access token is not valid (forged, expired, or not one of ours)" : "this route needs an access token");
        }

        @Override
        public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
            meters.counter(REFUSED_METER, "reason", "forbidden").increment();
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "the access token does not allow this");
        }
    }
}
