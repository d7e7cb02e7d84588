package org.commercecore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * TLS termination as docs/gateway.md describes it for development: a self-signed key pair made
 * with the JDK's keytool, handed over as a PKCS#12 key store. A client that trusts that certificate
 * gets the gateway's answer over HTTPS (a 401 problem: no backend is needed to see the edge answer).
 */
class TlsTest {
    private static final String PASSWORD = "dev-only-keystore-password";

    @TempDir
    Path dir;

    @Test
    void theGatewayTerminatesTlsWithTheConfiguredKeyStore() throws Exception {
        Path keyStore = dir.resolve("gateway-dev.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1")).redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApp.class).run(
                "--server.port=0", "--management.server.port=0", "--spring.data.redis.url=redis://127.0.0.1:1",
                "--commerce.gateway.token-secret=a-gateway-test-secret-that-is-long-enough-0123",
                "--commerce.gateway.command-urls=http://127.0.0.1:1", "--commerce.gateway.query-urls=http://127.0.0.1:2",
                "--server.ssl.enabled=true", "--server.ssl.key-store=" + keyStore, "--server.ssl.key-store-password=" + PASSWORD)) {
            int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore)).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/orders/o-1"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent(); // sent over HTTPS only
            assertThat(answer.body()).contains("needs an access token");
        }
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
