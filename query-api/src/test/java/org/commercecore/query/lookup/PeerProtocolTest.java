package org.commercecore.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lookups instances send each other: the JSON form must stay the one every running instance reads and writes. */
class PeerProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each kind of lookup and its wire form, as instances exchanged it before lookups had factories. */
    private static final Map<Lookup, String> WIRE = Map.of(
            Lookup.order("o-1"),
            """
            {"view":"order","key":"o-1","waitFor":null,"timeoutMillis":0,"stale":false,"windowMinutes":0}""",
            Lookup.orderReaching("o-1", "CONFIRMED", Duration.ofSeconds(5)),
            """
            {"view":"order","key":"o-1","waitFor":"CONFIRMED","timeoutMillis":5000,"stale":false,"windowMinutes":0}""",
            Lookup.customerOrders("c-1"),
            """
            {"view":"customer-orders","key":"c-1","waitFor":null,"timeoutMillis":0,"stale":false,"windowMinutes":0}""",
            Lookup.product("SKU-1"),
            """
            {"view":"product","key":"SKU-1","waitFor":null,"timeoutMillis":0,"stale":false,"windowMinutes":0}""",
            Lookup.topSellers(60),
            """
            {"view":"top-sellers","key":"all","waitFor":null,"timeoutMillis":0,"stale":false,"windowMinutes":60}""");

    @Test
    void everyKindOfLookupIsSentInTheJsonFormPeersExchange() throws IOException {
        for (var entry : WIRE.entrySet()) {
            JsonNode sent = JSON.readTree(PeerProtocol.LOOKUP.streamRequest(entry.getKey()));
            assertThat(sent).as("%s", entry.getKey()).isEqualTo(JSON.readTree(entry.getValue()));
        }
    }

    @Test
    void aLookupInThePeersJsonFormIsReadAsTheSameLookup() {
        WIRE.forEach((lookup, wire) ->
                assertThat(PeerProtocol.LOOKUP.parseRequest(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8))))
                        .isEqualTo(lookup));
    }

    @Test
    void aStandbyIsAskedTheSameQuestionToAnswerAtOnceAndSayWhetherItsCopyGotThere() {
        Lookup waiting = Lookup.orderReaching("o-1", "CONFIRMED", Duration.ofSeconds(5));

        Lookup standby = waiting.onStandby();
        assertThat(standby.view()).isEqualTo(Lookup.View.ORDER);
        assertThat(standby.key()).isEqualTo("o-1");
        assertThat(standby.stale()).isTrue();
        assertThat(standby.waitFor()).as("it reports whether its copy reached the status").isEqualTo("CONFIRMED");
        assertThat(standby.timeoutMillis()).as("but does not wait").isZero();
        assertThat(Lookup.topSellers(15).onStandby().windowMinutes()).isEqualTo(15);
    }

    @Test
    void anAnswerTravelsAsItsFields() throws IOException {
        Lookup.Answer answer = new Lookup.Answer("{\"sku\":\"SKU-1\"}", "standby", 3, false);

        JsonNode sent = JSON.readTree(PeerProtocol.LOOKUP.streamResponse(answer));
        assertThat(sent).isEqualTo(JSON.readTree("""
                {"json":"{\\"sku\\":\\"SKU-1\\"}","servedBy":"standby","lagOffsets":3,"waited":false}"""));
        assertThat(PeerProtocol.LOOKUP.parseResponse(PeerProtocol.LOOKUP.streamResponse(answer))).isEqualTo(answer);
    }
}
