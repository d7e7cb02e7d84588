package org.commercecore.platform.http.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, those it answers before any route runs (a request line or URI it refuses, a
 * header block over the limit, a URI too long, a bad {@code Host}), in the shape of the app's:
 * {@code application/problem+json} with a request id and the security headers. Jetty 12 sends
 * every such failure to the server's error handler ({@code HttpChannel.onFailure}); its default
 * writes an HTML page naming none of this.
 *
 * <p>The problem carries no {@code instance}: the URI is what was refused, and is not echoed. The
 * detail is Jetty's reason ("Ambiguous URI path segment", "URI Too Long"), which names the fault
 * in HTTP's terms and nothing of the server.
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            if (reason == null) {
                reason = http.getReason();
            }
        }
        if (status < 400 || status > 599) {
            status = 500;
            response.setStatus(status);
        }
        ApiServer.requestId(request.getHeaders().get(ApiServer.REQUEST_ID), response.getHeaders()::put);
        ApiServer.securityHeaders(response.getHeaders()::put);
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        byte[] body = ApiServer.json(problem(status, reason)).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded(); // the headers of the answer a GET would have, without its body
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }

    static Problem problem(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        String detail = reason == null || reason.isBlank() || reason.equals(title) ? describe(status) : reason;
        return switch (status) {
            case 400 -> Problem.of(400, "bad-request", "Bad request", detail);
            case 414 -> Problem.of(414, "uri-too-long", "URI too long", detail);
            case 431 -> Problem.of(431, "headers-too-large", "Request headers too large", detail);
            case 500 -> Problem.of(500, "internal", "Internal error", "the request failed on our side");
            default -> Problem.of(status, "http-" + status, title, detail);
        };
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP, or its URI is not one this server accepts";
            case 414 -> "the request's URI is too long: the request line and headers together are limited to "
                    + ApiServer.MAX_HEADER_BYTES + " bytes";
            case 431 -> "the request's headers are larger than " + ApiServer.MAX_HEADER_BYTES + " bytes";
            default -> HttpStatus.getMessage(status);
        };
    }
}
