package org.commercecore.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.commercecore.platform.registry.InMemorySchemaRegistry;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serde's protocol against the in-memory registry; AvroWireFormatIT repeats it against the real one. */
class AvroSerdesTest {
    private static final URI REGISTRY = URI.create("mock://avro-serdes-test");
    private final AvroSerdes serdes = AvroSerdes.forRegistry(REGISTRY);

    @AfterEach
    void forget() {
        InMemorySchemaRegistry.drop(REGISTRY);
    }

    @Test
    void writesTheConfluentFrameWithTheRegisteredIdAndReadsBackEqual() {
        int id = InMemorySchemaRegistry.scope(REGISTRY).register(Topics.CUSTOMERS.valueSubject(), Customer.getClassSchema());
        var serde = Topics.CUSTOMERS.valueSerde(serdes);
        Customer customer = customer();

        byte[] bytes = serde.serializer().serialize(Topics.CUSTOMERS.name(), customer);

        ByteBuffer frame = ByteBuffer.wrap(bytes);
        assertThat(frame.get()).isEqualTo((byte) 0);
        assertThat(frame.getInt()).isEqualTo(id);
        assertThat(serde.deserializer().deserialize(Topics.CUSTOMERS.name(), bytes)).isEqualTo(customer);
    }

    @Test
    void refusesToWriteASchemaThatIsNotRegistered() {
        var serializer = Topics.CUSTOMERS.valueSerde(serdes).serializer();
        assertThatThrownBy(() -> serializer.serialize(Topics.CUSTOMERS.name(), customer()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject customers.v1-value");
    }

    @Test
    void aRecordWithAnUnknownSchemaIdIsAnUndecodableRecord() {
        byte[] unknownId = {0, 0, 0, 0, 42, 2, 3};
        assertThatThrownBy(() -> Topics.CUSTOMERS.valueSerde(serdes).deserializer().deserialize(Topics.CUSTOMERS.name(), unknownId))
                .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 42 is unknown");
    }

    private static Customer customer() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Customer.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setCorrelationId(null)
                .setCustomerId("c-1").setEmail("ada@example.org").setDisplayName("Ada").setRole(CustomerRole.CUSTOMER)
                .setCreatedAt(now).setUpdatedAt(now).build();
    }
}
