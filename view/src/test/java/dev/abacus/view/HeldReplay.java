package dev.abacus.view;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer interceptor that holds every fetched batch back until a test releases it, so a test can
 * look at a view copy before it has applied anything, however fast or slow the machine is.
 */
public final class HeldReplay implements ConsumerInterceptor<Object, Object> {

    private static final CountDownLatch RELEASED = new CountDownLatch(1);
    private static final long MAX_HOLD_SECONDS = 120;

    static void release() {
        RELEASED.countDown();
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        try {
            if (!RELEASED.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the replay");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
