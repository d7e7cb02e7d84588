package org.commercecore.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.commercecore.schemas.customers.Customer;
import org.commercecore.schemas.customers.CustomerRole;
import org.commercecore.schemas.orders.OrderEvent;
import org.commercecore.schemas.orders.OrderLine;
import org.commercecore.schemas.orders.OrderPlaced;
import org.junit.jupiter.api.Test;

/** Single-object encoding without a registry, and what it does with values of other builds. */
class InternalSerdesTest {
    private static final String CHANGELOG = "some-store-changelog";
    private final Serde<Customer> serde = InternalSerdes.avro(Customer.class);

    @Test
    void roundTripsInTheSingleObjectEncodingWithoutARegistry() {
        Customer customer = customer();
        byte[] bytes = serde.serializer().serialize(CHANGELOG, customer);
        assertThat(bytes[0]).as("Avro single-object marker").isEqualTo((byte) 0xC3);
        assertThat(serde.deserializer().deserialize(CHANGELOG, bytes)).isEqualTo(customer);
    }

    @Test
    void aValueWrittenWithAnOlderReleasedVersionIsReadIntoTheCurrentClass() {
        assertThat(SchemaNormalization.parsingFingerprint64(FirstReleaseOrderEvents.schema()))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(OrderEvent.getClassSchema()));

        OrderEvent read = InternalSerdes.avro(OrderEvent.class).deserializer()
                .deserialize("placed-by-customer-repartition", FirstReleaseOrderEvents.placed("o-1", "c-1", "SKU-A", 2, 500));

        assertThat(read.getOrderId()).isEqualTo("o-1");
        assertThat(read.getPayload()).isInstanceOfSatisfying(OrderPlaced.class,
                placed -> assertThat(placed.getLines()).extracting(OrderLine::getSku).containsExactly("SKU-A"));
    }

    @Test
    void aValueWrittenWithASchemaThisBuildDoesNotKnowFailsAsASerializationException() {
        // e.g. written by a newer build before a rollback: neither current nor released here
        Schema newer = OtherBuilds.nextVersion(Customer.getClassSchema(), "nickname",
                SchemaBuilder.unionOf().nullType().and().stringType().endUnion(), Schema.Field.NULL_DEFAULT_VALUE);
        byte[] bytes = OtherBuilds.write(newer, customerWrittenWith(newer));

        assertThatThrownBy(() -> serde.deserializer().deserialize(CHANGELOG, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageMatching("(?s).*neither the current one nor one of its \\d+ released versions.*");
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedFailAsASerializationException() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(CHANGELOG, new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void refusesARecordThatWasNeverReleased() {
        Schema unreleased = SchemaBuilder.record("Unreleased").namespace("org.commercecore.platform.serde")
                .fields().requiredString("id").endRecord();
        assertThatThrownBy(() -> InternalSerdes.avro(GenericData.get(), unreleased))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("org.commercecore.platform.serde.Unreleased has no released version");
    }

    /** A customer as another build writes it: plain Avro values, the fields it does not set left at their defaults. */
    private static GenericRecord customerWrittenWith(Schema writer) {
        return new GenericRecordBuilder(writer).set("event_id", UUID.randomUUID().toString())
                .set("occurred_at", 1_000L).set("customer_id", "c-1").set("email", "ada@example.org")
                .set("role", new GenericData.EnumSymbol(writer.getField("role").schema(), "CUSTOMER"))
                .set("created_at", 1_000L).set("updated_at", 2_000L).build();
    }

    private static Customer customer() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Customer.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setCorrelationId(null)
                .setCustomerId("c-1").setEmail("ada@example.org").setDisplayName("Ada").setRole(CustomerRole.CUSTOMER)
                .setCreatedAt(now).setUpdatedAt(now).build();
    }
}
