package dev.abacus.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator reaches Kafka by the names the pipeline's pods use, from a namespace of its own. */
class BootstrapServersAsSeenFromTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kafka:9092|kafka.shop.svc:9092",
        "kafka-0:9092, kafka-1:9092|kafka-0.shop.svc:9092,kafka-1.shop.svc:9092",
        "kafka.data:9092|kafka.data:9092",
        "kafka.data.svc.cluster.local:9092|kafka.data.svc.cluster.local:9092",
        "localhost:9092|localhost:9092",
        "10.0.0.7:9092|10.0.0.7:9092",
        "[fd00::7]:9092|[fd00::7]:9092",
        "broker|broker.shop.svc",
    })
    void bareServiceNamesAreQualifiedWithThePipelinesNamespace(String written, String seen) {
        assertThat(KafkaConnectionResolver.asSeenFrom("shop", written)).isEqualTo(seen);
    }
}
