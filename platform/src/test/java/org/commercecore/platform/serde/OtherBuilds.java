package org.commercecore.platform.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Test fixture: internal records as builds other than this one write and read them, e.g. the
 * released build that left values in a store, or the next build with one field more.
 */
public final class OtherBuilds {
    private OtherBuilds() {
    }

    /** The record as its next compatible version would have it: one field more, with a default. */
    public static Schema nextVersion(Schema released, String field, Schema type, Object defaultValue) {
        List<Schema.Field> fields = new ArrayList<>();
        released.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(field, type, "Added by the next version.", defaultValue));
        return Schema.createRecord(released.getName(), released.getDoc(), released.getNamespace(), false, fields);
    }

    /** The bytes a build writing with {@code writer} puts in a store, its changelog or a repartition topic. */
    public static byte[] write(Schema writer, GenericRecord value) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
