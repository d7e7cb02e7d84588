package org.commercecore.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.OpenApiDocument;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the registered routes name exactly the same operations. */
class OpenApiDocumentTest {
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Javalin app = CommandApi.create(new CommandApi.Services(null, null, null, null, null), new OpsEndpoints(new Metrics("test")));
        List<String> routes = app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(h -> HTTP_METHODS.contains(h.endpoint.method))
                .map(h -> h.endpoint.method.name() + " " + h.endpoint.path).toList();
        List<String> documented = OpenApiDocument.fromResource(CommandApi.OPENAPI).operations();

        assertThat(routes).isNotEmpty().doesNotHaveDuplicates();
        assertThat(documented).as("documented but not served").isSubsetOf(routes);
        assertThat(routes).as("served but not documented").isSubsetOf(documented);
    }
}
