package org.commercecore.catalogue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.commercecore.platform.config.Setting;

/** Renders the catalogue of settings as docs/configuration.md: one table per component. */
public final class ConfigurationDoc {
    /** How to rewrite the file after a setting changed; the test that compares it prints this. */
    public static final String REGENERATE = "mvn -pl catalogue -am test -Dtest=ConfigurationDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dconfiguration.doc.write=true";

    private ConfigurationDoc() {
    }

    public static String render(List<SettingsCatalogue.Component> components) {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- Generated from the catalogue of settings (catalogue/, SettingsCatalogue); do not edit by hand.\n")
                .append("     Regenerate: ").append(REGENERATE).append(" -->\n\n")
                .append("Every setting is read from its environment variable, then from the properties file named by\n")
                .append("`COMMERCE_CONFIG_FILE` (variable `COMMERCE_KAFKA_BOOTSTRAP_SERVERS` is property\n")
                .append("`commerce.kafka.bootstrap.servers`), then falls back to its default. The defaults point at the\n")
                .append("local stack and are for development only: under `COMMERCE_PROFILE=prod` a setting marked\n")
                .append("*required in prod* must be given, and a secret's default (shown as *dev-only*, never printed)\n")
                .append("is refused. A missing or invalid value fails at start with a message naming the variable.\n")
                .append("Durations take `250ms`, `5s`, `2m`, `1h` or ISO-8601 (`PT5S`).\n\n")
                .append("Not settings, so not listed: the connector files' `${env:COMMERCE_POSTGRES_HOST}`, `_PORT` and\n")
                .append("`_DATABASE`, resolved by the Connect worker (runbooks/connectors.md), and\n")
                .append("`COMMERCE_LOCAL_STACK_JAVA_OPTS`, read by the `local-stack/run` script.\n");
        for (SettingsCatalogue.Component component : components) {
            md.append("\n## ").append(component.name()).append("\n\n")
                    .append("Read by ").append(component.readBy()).append(".\n\n")
                    .append("| variable | type | default | dev-only / required in prod | description |\n")
                    .append("|---|---|---|---|---|\n");
            for (Setting<?> setting : component.settings()) {
                md.append("| `").append(setting.envName()).append("` | ").append(setting.type()).append(" | ")
                        .append(defaultOf(setting)).append(" | ").append(prodOf(setting)).append(" | ")
                        .append(cell(setting.description())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String defaultOf(Setting<?> setting) {
        if (setting.devDefault().isEmpty()) {
            return "none";
        }
        if (setting.devDefault().get() instanceof List<?> list && list.isEmpty()) {
            return "empty";
        }
        return setting.isSecret() ? "dev-only" : "`" + cell(shown(setting.devDefault().get())) + "`";
    }

    private static String prodOf(Setting<?> setting) {
        if (setting.isSecret()) {
            return setting.devDefault().isPresent() ? "secret; dev-only default, required in prod" : "secret";
        }
        return setting.isRequiredInProd() ? "required in prod" : "";
    }

    /** Values as a person would type them; a path under the temp directory shown machine-independently. */
    private static String shown(Object value) {
        if (value instanceof Duration d) {
            return duration(d);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Path p) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            if (p.startsWith(tmp)) {
                return "${java.io.tmpdir}/" + tmp.relativize(p).toString().replace('\\', '/');
            }
        }
        return String.valueOf(value);
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
