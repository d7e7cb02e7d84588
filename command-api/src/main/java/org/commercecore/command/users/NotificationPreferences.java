package org.commercecore.command.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commercecore.platform.http.api.Validation;
import org.commercecore.schemas.customers.NotificationChannel;
import org.commercecore.schemas.notifications.NotificationKind;

/**
 * Where a customer's notifications go and which kinds they do not want, as stored in
 * {@code users.notification_preferences} and streamed to the notifications app. The allowed names
 * are the contract's own symbols (customers.v1's NotificationChannel, notifications.v1's
 * NotificationKind), so the API cannot accept a name the notifications app would not know.
 */
public record NotificationPreferences(List<String> channels, List<String> optOuts) {
    static final NotificationPreferences DEFAULT = new NotificationPreferences(List.of("EMAIL"), List.of());
    static final Set<String> CHANNELS = names(NotificationChannel.values());
    static final Set<String> KINDS = names(NotificationKind.values());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A change names either list or both; the list it names replaces the stored one, the other stays. */
    void check(Validation v, String field) {
        v.require(channels != null || optOuts != null, field, "give channels, opt_outs or both");
        names(v, channels, CHANNELS, field + ".channels");
        names(v, optOuts, KINDS, field + ".opt_outs");
    }

    /**
     * The lists this change names, as a JSON object to merge into the stored one ({@code ||} in SQL):
     * the merge happens in the UPDATE itself, so two changes at once, one of channels and one of
     * opt-outs, both stay.
     */
    String patchJson() {
        Map<String, List<String>> patch = new LinkedHashMap<>();
        if (channels != null) {
            patch.put("channels", channels);
        }
        if (optOuts != null) {
            patch.put("opt_outs", optOuts);
        }
        try {
            return JSON.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static NotificationPreferences fromJson(String json) {
        try {
            Stored stored = JSON.readValue(json, Stored.class);
            return new NotificationPreferences(List.copyOf(stored.channels()), List.copyOf(stored.opt_outs()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("users.notification_preferences is not the JSON the API writes", e);
        }
    }

    /** The stored JSON's field names, fixed here rather than by the API's naming strategy: the intake reads them too. */
    private record Stored(List<String> channels, List<String> opt_outs) {
    }

    private static void names(Validation v, List<String> given, Set<String> allowed, String field) {
        if (given == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            String at = field + "[" + i + "]";
            v.require(name != null && allowed.contains(name), at, "must be one of " + allowed.stream().sorted().toList())
                    .require(name == null || seen.add(name), at, "is given twice");
        }
    }

    private static Set<String> names(Enum<?>[] symbols) {
        // UNKNOWN is the contract's fallback for readers, never a value anyone chooses
        return Set.copyOf(Arrays.stream(symbols).map(Enum::name).filter(n -> !n.equals("UNKNOWN")).toList());
    }
}
