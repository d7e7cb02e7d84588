package org.commercecore.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves {@link Setting}s: environment variable first, then a properties file
 * ({@code COMMERCE_CONFIG_FILE}), then the setting's dev default. Anything missing or invalid
 * fails at start with a message naming the environment variable.
 */
public final class ConfigSource {
    public static final Setting<Profile> PROFILE = Setting.oneOf("profile",
            "deployment profile; prod refuses the dev-only defaults of secrets and addresses", Profile.class, Profile.DEV);
    /** Read from the environment only: it says where the properties come from. */
    public static final Setting<Path> CONFIG_FILE = Setting.path("config.file",
            "a properties file read for settings the environment does not give (COMMERCE_X_Y is property commerce.x.y)", null);

    private final Map<String, String> environment;
    private final Properties properties;
    private final Profile profile;

    public ConfigSource(Map<String, String> environment, Properties properties) {
        this.environment = Map.copyOf(environment);
        this.properties = (Properties) properties.clone();
        this.profile = lookup(PROFILE).orElse(Profile.DEV);
    }

    /** The process environment, plus the file named by {@code COMMERCE_CONFIG_FILE} if set. */
    public static ConfigSource fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ConfigSource fromEnvironment(Map<String, String> environment) {
        Properties properties = new Properties();
        String file = environment.get(CONFIG_FILE.envName());
        if (file != null && !file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                properties.load(in);
            } catch (IOException e) {
                throw new ConfigException(CONFIG_FILE.envName() + " names '" + file + "', which cannot be read: " + e.getMessage());
            }
        }
        return new ConfigSource(environment, properties);
    }

    public Profile profile() {
        return profile;
    }

    /** The setting's value; throws {@link ConfigException} if it has none or it is invalid. */
    public <T> T get(Setting<T> setting) {
        Optional<T> explicit = lookup(setting);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        T fallback = setting.devDefault().orElseThrow(() -> new ConfigException(
                setting.envName() + " is required (" + setting.description() + ")"));
        if (setting.isRequiredInProd() && profile == Profile.PROD) {
            throw new ConfigException(setting.envName() + " must be set when COMMERCE_PROFILE=prod: its default is for"
                    + " development only (" + setting.description() + ")");
        }
        setting.validate(fallback, "the default of " + setting.envName());
        return fallback;
    }

    /** The value given explicitly (environment or file), without the dev default. */
    public <T> Optional<T> lookup(Setting<T> setting) {
        String fromEnv = environment.get(setting.envName());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(setting.parse(fromEnv, setting.envName()));
        }
        String fromFile = properties.getProperty(setting.propertyName());
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(setting.parse(fromFile, setting.envName() + " (from property " + setting.propertyName() + ")"));
        }
        return Optional.empty();
    }
}
