package org.commercecore.apitests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A well-formed request for every documented operation, as a given role would send it: the
 * concrete path (A's order, the test product), a body that is valid, the headers it requires.
 * An operation without an entry here fails the tests that need one, naming it.
 */
final class Requests {
    private final Actors actors;

    Requests(Actors actors) {
        this.actors = actors;
    }

    /** The values for the path's parameters: the resources A owns. */
    Map<String, String> pathValues(ApiOperation operation) {
        return switch (operation.name()) {
            case "POST /orders/{id}/cancel", "POST /orders/{id}/ship", "GET /orders/{id}", "GET /orders/{id}/timeline" ->
                    Map.of("id", actors.orderOfA());
            case "PUT /products/{sku}", "POST /products/{sku}/stock-adjustments", "GET /products/{sku}" -> Map.of("sku", Actors.SKU);
            default -> {
                if (!operation.pathParameters().isEmpty()) {
                    throw new AssertionError(operation + ": no value for its path parameters " + operation.pathParameters()
                            + "; add one to " + Requests.class.getSimpleName());
                }
                yield Map.of();
            }
        };
    }

    static String path(ApiOperation operation, Map<String, String> values) {
        String path = operation.path();
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /** The request of the authorization matrix: valid in every respect but, maybe, the caller. */
    Http.Request valid(ApiOperation operation, Role role) {
        Http.Request request = Http.Request.of(operation.method(), path(operation, pathValues(operation))).withToken(actors.token(role));
        for (String header : operation.requiredHeaders()) {
            if (!header.equals("Idempotency-Key")) {
                throw new AssertionError(operation + " requires header " + header + "; say in " + Requests.class.getSimpleName() + " what to send");
            }
            request = request.withHeader(header, UUID.randomUUID().toString());
        }
        if (operation.body().isEmpty()) {
            return request;
        }
        return request.withJson(Actors.json(body(operation, role)));
    }

    private Object body(ApiOperation operation, Role role) {
        return switch (operation.name()) {
            case "POST /users" -> Map.of("email", actors.uniqueEmail("matrix"), "password", "a long password for the tests");
            case "PATCH /users/me" -> Map.of("display_name", "Matrix");
            case "POST /auth/login" -> Map.of("email", actors.generatedEmail(), "password", Actors.PASSWORD);
            case "POST /auth/refresh", "POST /auth/logout" -> Map.of("refresh_token", actors.freshRefreshToken());
            case "POST /auth/otp" -> Map.of("email", actors.uniqueEmail("otp")); // 202 for any address
            case "POST /auth/otp/verify" -> actors.freshLoginCode();
            case "POST /users/me/email-verification/confirm" -> Map.of("code", actors.verificationCode(role));
            case "POST /orders" -> Map.of("lines", List.of(Map.of("sku", Actors.SKU, "quantity", 1)));
            case "POST /orders/{id}/cancel" -> Map.of("reason", "matrix");
            case "PUT /products/{sku}" -> Map.of("name", "Matrix kettle", "price_minor", 2490, "currency", "EUR");
            case "POST /products/{sku}/stock-adjustments" -> Map.of("quantity_delta", 1, "reason", "RESTOCK");
            default -> throw new AssertionError(operation + " takes a body; add a valid one to " + Requests.class.getSimpleName());
        };
    }
}
