package org.commercecore.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.commercecore.platform.cdc.ChangeRows;
import org.commercecore.platform.streams.TopologyTests;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;
import org.commercecore.schemas.customers.NotificationChannel;
import org.commercecore.schemas.deadletter.DeadLetter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives CustomersTopology.build with change rows of the users table. */
class CustomersTopologyTest {
    private static final String USER = "0b6f7e8a-6a5c-4a39-8d55-0f5e1c2b3c01";

    @TempDir
    Path state;
    private TopologyTests topology;
    private ChangeRows rows;
    private TestInputTopic<GenericRecord, GenericRecord> users;
    private TestOutputTopic<String, Customer> customers;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        topology = TopologyTests.start(CustomersApp.APPLICATION_ID, state, CustomersTopology::build);
        rows = ChangeRows.of(Topics.CDC_USERS.name(), ChangeRows.columns("id", "string", "email", "string",
                "display_name", "string", "role", "string", "created_at", "string", "updated_at", "string"), topology.registry());
        users = topology.input(Topics.CDC_USERS);
        customers = topology.output(Topics.CUSTOMERS);
        deadLetters = topology.output(CustomersApp.DEAD_LETTERS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void aRegisteredUserBecomesACustomerAndAnUpdateReplacesIt() {
        user("c", 1, "ada@example.org", null, "2026-11-25T09:00:00Z");
        user("u", 2, "ada@example.org", "Ada", "2026-11-25T09:05:00Z");

        List<KeyValue<String, Customer>> out = customers.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly(USER, USER);
        Customer latest = out.get(1).value;
        assertThat(latest.getDisplayName()).isEqualTo("Ada");
        assertThat(latest.getEmail()).isEqualTo("ada@example.org");
        assertThat(latest.getRole()).isEqualTo(CustomerRole.CUSTOMER);
        assertThat(latest.getCreatedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(latest.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-25T09:05:00Z"));
        assertThat(out.get(0).value.getEventId()).isNotEqualTo(latest.getEventId());
    }

    @Test
    void aDeletedUserBecomesATombstoneAndDebeziumsOwnTombstoneIsIgnored() {
        user("c", 1, "ada@example.org", null, "2026-11-25T09:00:00Z");
        user("d", 3, "ada@example.org", null, "2026-11-25T09:00:00Z");
        users.pipeInput(rows.key(USER), (GenericRecord) null);

        List<KeyValue<String, Customer>> out = customers.readKeyValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).key).isEqualTo(USER);
        assertThat(out.get(1).value).isNull();
    }

    @Test
    void theSameChangeSentTwiceCarriesTheSameEventId() {
        user("c", 1, "ada@example.org", null, "2026-11-25T09:00:00Z");
        user("c", 1, "ada@example.org", null, "2026-11-25T09:00:00Z");

        List<Customer> out = customers.readValuesToList();
        assertThat(out.get(0).getEventId()).isEqualTo(out.get(1).getEventId());
    }

    @Test
    void aRowWithAnUnknownRoleIsDeadLettered() {
        Map<String, Object> row = new HashMap<>(userColumns("ada@example.org", null, "2026-11-25T09:00:00Z"));
        row.put("role", "ROOT");
        users.pipeInput(rows.key(USER), rows.change("c", 4, row));

        assertThat(deadLetters.readValue().getErrorMessage()).endsWith("users row " + USER + ": role is ROOT, not CUSTOMER or ADMIN");
        assertThat(customers.isEmpty()).isTrue();
    }

    @Test
    void aRowCapturedBeforePreferencesExistedMeansEmailAndEveryKind() {
        user("c", 1, "ada@example.org", null, "2026-11-25T09:00:00Z");

        Customer customer = customers.readValue();
        assertThat(customer.getNotificationChannels()).containsExactly(NotificationChannel.EMAIL);
        assertThat(customer.getNotificationOptOuts()).isEmpty();
    }

    @Test
    void thePreferencesColumnBecomesChannelsAndOptOutsInTheirOrder() {
        ChangeRows withPreferences = rowsWithPreferences();
        Map<String, Object> row = new HashMap<>(userColumns("ada@example.org", "Ada", "2026-11-25T09:00:00Z"));
        row.put("notification_preferences", "{\"channels\": [\"PUSH\", \"EMAIL\"], \"opt_outs\": [\"ORDER_PLACED\"]}");
        users.pipeInput(withPreferences.key(USER), withPreferences.change("u", 5, row));
        row.put("notification_preferences", "{\"channels\": [], \"opt_outs\": []}");
        users.pipeInput(withPreferences.key(USER), withPreferences.change("u", 6, row));

        List<Customer> out = customers.readValuesToList();
        assertThat(out.get(0).getNotificationChannels()).containsExactly(NotificationChannel.PUSH, NotificationChannel.EMAIL);
        assertThat(out.get(0).getNotificationOptOuts()).containsExactly("ORDER_PLACED");
        assertThat(out.get(1).getNotificationChannels()).isEmpty();
    }

    @Test
    void aPreferencesColumnThatIsNotTheApisJsonIsDeadLettered() {
        ChangeRows withPreferences = rowsWithPreferences();
        Map<String, Object> row = new HashMap<>(userColumns("ada@example.org", "Ada", "2026-11-25T09:00:00Z"));
        row.put("notification_preferences", "{\"channels\": [\"FAX\"], \"opt_outs\": []}");
        users.pipeInput(withPreferences.key(USER), withPreferences.change("u", 7, row));
        row.put("notification_preferences", "{\"channels\": \"EMAIL\", \"opt_outs\": []}");
        users.pipeInput(withPreferences.key(USER), withPreferences.change("u", 8, row));

        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getErrorMessage).containsExactly(
                "MalformedRowException: users row " + USER + ": notification_preferences.channels holds FAX, not a channel this build knows",
                "MalformedRowException: users row " + USER + ": notification_preferences.channels is not a JSON array");
        assertThat(customers.isEmpty()).isTrue();
    }

    private ChangeRows rowsWithPreferences() {
        return ChangeRows.of(Topics.CDC_USERS.name(), ChangeRows.columns("id", "string", "email", "string",
                "display_name", "string", "role", "string", "notification_preferences", "string", "created_at", "string",
                "updated_at", "string"), topology.registry());
    }

    private void user(String op, long lsn, String email, String name, String updatedAt) {
        users.pipeInput(rows.key(USER), rows.change(op, lsn, userColumns(email, name, updatedAt)));
    }

    private static Map<String, Object> userColumns(String email, String name, String updatedAt) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", USER);
        row.put("email", email);
        row.put("display_name", name);
        row.put("role", "CUSTOMER");
        row.put("created_at", "2026-11-25T09:00:00Z");
        row.put("updated_at", updatedAt);
        return row;
    }
}
