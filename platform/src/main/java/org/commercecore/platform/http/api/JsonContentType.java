package org.commercecore.platform.http.api;

import java.util.Locale;

/**
 * The one media type a body may have: {@code application/json}, with no parameter but
 * {@code charset=utf-8}. JSON is UTF-8 (RFC 8259), so a body declared in another charset would be
 * read as something the client did not mean, and a {@code text/plain} body is not meant as JSON.
 */
final class JsonContentType {
    static final String ACCEPTED = "application/json";

    private JsonContentType() {
    }

    static boolean accepts(String header) {
        if (header == null) {
            return false;
        }
        String[] parts = header.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase(ACCEPTED)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length != 2 || !parameter[0].strip().equalsIgnoreCase("charset")
                    || !unquoted(parameter[1].strip()).toLowerCase(Locale.ROOT).equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
