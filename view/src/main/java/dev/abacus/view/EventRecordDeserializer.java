package dev.abacus.view;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes event records where the consumer parses the fetched batches, on the poller thread, straight
 * from the fetched bytes: no copy of each value, and the applier thread keeps only the fold. Answers an
 * {@link EventDecoder.Decoded} or an {@link EventDecoder.Malformed}, never throws for a bad record, so a
 * poison record is counted by the applier like any other refusal.
 */
final class EventRecordDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        return data == null ? null : EventDecoder.read(data, 0, data.length);
    }

    @Override
    public Object deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return EventDecoder.read(data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return EventDecoder.read(copy, 0, copy.length);
    }
}
