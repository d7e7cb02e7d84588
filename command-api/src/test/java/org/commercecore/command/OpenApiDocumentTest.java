package org.commercecore.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.commercecore.platform.http.Metrics;
import org.commercecore.platform.http.OpsEndpoints;
import org.commercecore.platform.http.api.OpenApiDocument;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the registered routes name exactly the same operations. */
class OpenApiDocumentTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        OpenApiDocument.Difference difference = OpenApiDocument.fromResource(CommandApi.OPENAPI)
                .comparedTo(CommandApi.create(new CommandApi.Services(null, null, null, null, null, null, null, null), new OpsEndpoints(new Metrics("test"))));

        assertThat(difference.undocumented()).as("served but not documented").isEmpty();
        assertThat(difference.notServed()).as("documented but not served").isEmpty();
        assertThat(OpenApiDocument.fromResource(CommandApi.OPENAPI).operations()).contains("GET /health/ready");
    }
}
