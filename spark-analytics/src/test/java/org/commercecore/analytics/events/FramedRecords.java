package org.commercecore.analytics.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.commercecore.analytics.decode.WireFrame;

/** Kafka-shaped rows (topic, partition, offset, value) built in memory, one offset after another. */
final class FramedRecords {
    static final StructType KAFKA_ROW = new StructType()
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("value", DataTypes.BinaryType);

    private final String topic;
    private final List<Row> rows = new ArrayList<>();

    FramedRecords(String topic) {
        this.topic = topic;
    }

    FramedRecords add(int schemaId, GenericRecord record) {
        return addRaw(WireFrame.frame(schemaId, avro(record)));
    }

    FramedRecords addRaw(byte[] value) {
        rows.add(RowFactory.create(topic, 0, (long) rows.size(), value));
        return this;
    }

    Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, KAFKA_ROW);
    }

    static byte[] avro(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
