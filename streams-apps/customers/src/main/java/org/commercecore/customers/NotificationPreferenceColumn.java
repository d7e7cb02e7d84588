package org.commercecore.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.commercecore.platform.cdc.ChangeRow;
import org.commercecore.platform.cdc.MalformedRowException;
import org.commercecore.schemas.customers.NotificationChannel;

/**
 * {@code users.notification_preferences} ({"channels": [...], "opt_outs": [...]}, written by the
 * command API) as customers.v1's two fields. A row captured before the column existed carries
 * none and reads as the behaviour it had then: e-mail, every kind.
 */
record NotificationPreferenceColumn(List<NotificationChannel> channels, List<String> optOuts) {
    private static final String COLUMN = "notification_preferences";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NotificationPreferenceColumn BEFORE_PREFERENCES =
            new NotificationPreferenceColumn(List.of(NotificationChannel.EMAIL), List.of());

    static NotificationPreferenceColumn of(ChangeRow row) {
        if (!row.has(COLUMN)) {
            return BEFORE_PREFERENCES;
        }
        JsonNode json;
        try {
            json = JSON.readTree(row.requiredString(COLUMN));
        } catch (JsonProcessingException e) {
            throw new MalformedRowException(COLUMN + " is not JSON: " + e.getOriginalMessage());
        }
        List<NotificationChannel> channels = new ArrayList<>();
        for (String name : names(json, "channels")) {
            channels.add(channel(name));
        }
        return new NotificationPreferenceColumn(channels, names(json, "opt_outs"));
    }

    private static List<String> names(JsonNode json, String field) {
        JsonNode array = json.path(field);
        if (!array.isArray()) {
            throw new MalformedRowException(COLUMN + "." + field + " is not a JSON array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : array) {
            if (!name.isTextual()) {
                throw new MalformedRowException(COLUMN + "." + field + " holds " + name + ", not a name");
            }
            names.add(name.asText());
        }
        return names;
    }

    private static NotificationChannel channel(String name) {
        try {
            NotificationChannel channel = NotificationChannel.valueOf(name);
            if (channel != NotificationChannel.UNKNOWN) {
                return channel;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the column's name
        }
        throw new MalformedRowException(COLUMN + ".channels holds " + name + ", not a channel this build knows");
    }
}
