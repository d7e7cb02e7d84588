package org.commercecore.platform.http;

import io.javalin.Javalin;

/** A small HTTP server with only the shared ops endpoints, for apps that serve no API. */
public final class OpsServer implements AutoCloseable {
    private final Javalin app;

    private OpsServer(Javalin app) {
        this.app = app;
    }

    /** Starts on the loopback interface unless {@code host} says otherwise; port 0 picks a free port. */
    public static OpsServer start(OpsEndpoints endpoints, String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            endpoints.addTo(config);
        });
        app.start(host, port);
        return new OpsServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
