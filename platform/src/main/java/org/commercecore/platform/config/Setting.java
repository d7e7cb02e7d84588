package org.commercecore.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One typed configuration field. Its key {@code kafka.bootstrap.servers} is read from the
 * environment variable {@code COMMERCE_KAFKA_BOOTSTRAP_SERVERS}, then from the property
 * {@code commerce.kafka.bootstrap.servers}, then falls back to its dev default (if any).
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
    private final String key;
    private final String type;
    private final String description;
    private final Function<String, T> parser;
    private final T devDefault;
    private final Predicate<T> validator;
    private final String requirement;
    private final boolean secret;
    private final boolean requiredInProd;

    private Setting(String key, String type, String description, Function<String, T> parser, T devDefault,
                    Predicate<T> validator, String requirement, boolean secret, boolean requiredInProd) {
        this.key = Objects.requireNonNull(key);
        this.type = Objects.requireNonNull(type);
        this.description = Objects.requireNonNull(description);
        this.parser = Objects.requireNonNull(parser);
        this.devDefault = devDefault;
        this.validator = Objects.requireNonNull(validator);
        this.requirement = requirement;
        this.secret = secret;
        this.requiredInProd = requiredInProd;
    }

    private static <T> Setting<T> of(String key, String type, String description, Function<String, T> parser, T devDefault,
                                     Predicate<T> validator, String requirement) {
        return new Setting<>(key, type, description, parser, devDefault, validator, requirement, false, false);
    }

    public static Setting<String> string(String key, String description, String devDefault) {
        return of(key, "string", description, s -> s, devDefault, s -> !s.isBlank(), "must not be blank");
    }

    public static Setting<Integer> integer(String key, String description, Integer devDefault) {
        return of(key, "integer", description, Integer::valueOf, devDefault, i -> true, null);
    }

    public static Setting<Integer> port(String key, String description, Integer devDefault) {
        return of(key, "port", description, Integer::valueOf, devDefault, p -> p >= 0 && p <= 65535,
                "must be a TCP port (0-65535)");
    }

    public static Setting<Duration> duration(String key, String description, Duration devDefault) {
        return of(key, "duration", description, Setting::parseDuration, devDefault, d -> !d.isNegative(), "must not be negative");
    }

    public static Setting<URI> uri(String key, String description, URI devDefault) {
        return of(key, "URI", description, URI::create, devDefault,
                u -> u.getScheme() != null && u.getHost() != null, "must be an absolute URI with a host");
    }

    /**
     * Comma-separated values, each trimmed; empty ones are dropped. Give an empty list as the
     * default for "none" (an empty or blank variable means "not given", so the default applies).
     */
    public static Setting<List<String>> list(String key, String description, List<String> devDefault) {
        return of(key, "comma-separated list", description,
                s -> Arrays.stream(s.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList(), devDefault, l -> true, null);
    }

    public static Setting<Path> path(String key, String description, Path devDefault) {
        return of(key, "path", description, Path::of, devDefault, p -> true, null);
    }

    /** A secret: never printed, and its dev default is refused when {@code COMMERCE_PROFILE=prod}. */
    public static Setting<String> secret(String key, String description, String devOnlyDefault) {
        return new Setting<>(key, "secret", description, s -> s, devOnlyDefault, s -> !s.isBlank(), "must not be blank",
                true, true);
    }

    public static <E extends Enum<E>> Setting<E> oneOf(String key, String description, Class<E> type, E devDefault) {
        String values = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return of(key, "one of " + values, description, s -> Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT)),
                devDefault, e -> true, null);
    }

    /** Adds a validation rule; {@code requirement} completes the sentence "VARIABLE ...". */
    public Setting<T> requiring(Predicate<T> rule, String requirement) {
        return new Setting<>(key, type, description, parser, devDefault, validator.and(rule), requirement, secret, requiredInProd);
    }

    /** Its dev default points at the local stack: under {@code COMMERCE_PROFILE=prod} it must be given. */
    public Setting<T> requiredInProd() {
        return new Setting<>(key, type, description, parser, devDefault, validator, requirement, secret, true);
    }

    public String key() {
        return key;
    }

    /** What the value is, for people: {@code string}, {@code port}, {@code duration}, {@code secret}, ... */
    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public String envName() {
        return "COMMERCE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String propertyName() {
        return "commerce." + key;
    }

    public boolean isSecret() {
        return secret;
    }

    /** True when {@code COMMERCE_PROFILE=prod} refuses the dev default: it must be given there. */
    public boolean isRequiredInProd() {
        return requiredInProd;
    }

    /** The value used when none is given; a secret's is for development only and must never be printed. */
    public Optional<T> devDefault() {
        return Optional.ofNullable(devDefault);
    }

    T parse(String raw, String origin) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(origin + " has an invalid value '" + (secret ? "****" : raw) + "' for "
                    + description + ": " + e.getMessage());
        }
        validate(value, origin);
        return value;
    }

    void validate(T value, String origin) {
        if (!validator.test(value)) {
            throw new ConfigException(origin + " " + (requirement == null ? "is invalid" : requirement)
                    + " (" + description + "), got '" + (secret ? "****" : value) + "'");
        }
    }

    /** Accepts ISO-8601 ({@code PT5S}) or a number with a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    private static Duration parseDuration(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(raw.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long amount = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("expected a duration such as 500ms, 5s, 2m or PT5S");
        };
    }

    @Override
    public String toString() {
        return envName();
    }
}
