package org.commercecore.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.orders.OrderEvent;
import org.junit.jupiter.api.Test;

/** What the deserializer decides before it needs a registry; the round trip is proven in AvroWireFormatIT. */
class AvroDeserializerTest {
    // nothing listens here: these cases must be decided without calling the registry
    private final AvroSerdes serdes = AvroSerdes.forRegistry(URI.create("http://127.0.0.1:9"));

    @Test
    void aTombstoneStaysNull() {
        assertThat(Topics.ORDER_EVENTS.valueSerde(serdes).deserializer().deserialize(Topics.ORDER_EVENTS.name(), null)).isNull();
        assertThat(Topics.ORDER_EVENTS.valueSerde(serdes).serializer().serialize(Topics.ORDER_EVENTS.name(), null)).isNull();
    }

    @Test
    void bytesWithoutTheMagicByteAreRefusedWithTheReason() {
        byte[] json = "{\"order_id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserialize(json)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not in the Confluent Avro wire format").hasMessageContaining("magic byte");
    }

    @Test
    void aValueTooShortForTheHeaderIsRefused() {
        assertThatThrownBy(() -> deserialize(new byte[] {0, 0, 1})).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserialize(new byte[0])).hasMessageContaining("empty value");
    }

    private OrderEvent deserialize(byte[] data) {
        return Topics.ORDER_EVENTS.valueSerde(serdes).deserializer().deserialize(Topics.ORDER_EVENTS.name(), data);
    }
}
