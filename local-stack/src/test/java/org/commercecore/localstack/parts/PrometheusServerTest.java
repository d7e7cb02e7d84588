package org.commercecore.localstack.parts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusServerTest {
    @TempDir
    Path dir;

    @Test
    void theConfigurationScrapesEachAppOnItsOwnPortUnderItsNameWithTheRepositorysRules() throws Exception {
        Map<String, URI> apps = new LinkedHashMap<>();
        apps.put("commerce-orders", URI.create("http://127.0.0.1:41001/"));
        apps.put("gateway", URI.create("http://127.0.0.1:41002/"));

        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(
                PrometheusServer.configuration(apps, Path.of("/checkout/observability/prometheus/alerts.yml")));

        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("/checkout/observability/prometheus/alerts.yml");
        List<String> jobs = new ArrayList<>();
        config.path("scrape_configs").forEach(job -> jobs.add(job.path("job_name").asText() + " "
                + job.path("static_configs").get(0).path("targets").get(0).asText()));
        assertThat(jobs).containsExactly("commerce-orders 127.0.0.1:41001", "gateway 127.0.0.1:41002");
    }

    @Test
    void theBinaryOnThePathComesFirstThenTheOneCiUnpacked() throws Exception {
        Path home = dir.resolve("home");
        Path unpacked = executable(home.resolve("target/promtool/usr/bin/prometheus"));
        Path onPath = executable(dir.resolve("bin/prometheus"));

        assertThat(PrometheusServer.find(home, dir.resolve("nothing") + ":" + dir.resolve("bin"))).hasValue(onPath);
        assertThat(PrometheusServer.find(home, dir.resolve("nothing").toString())).hasValue(unpacked);
        assertThat(PrometheusServer.find(dir.resolve("elsewhere"), "")).isEmpty();
    }

    private static Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
