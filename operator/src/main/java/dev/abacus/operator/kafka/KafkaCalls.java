package dev.abacus.operator.kafka;

import dev.abacus.operator.api.ConditionReason;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/** Waits for Admin calls within the API timeout and maps their failures to condition reasons. */
final class KafkaCalls {

    private final Duration apiTimeout;

    KafkaCalls(Duration apiTimeout) {
        this.apiTimeout = apiTimeout;
    }

    <T> T await(KafkaFuture<T> future) throws KafkaCallException {
        try {
            return future.get(apiTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallException(e, new Problem(ConditionReason.KAFKA_ERROR, "interrupted"), true);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        } catch (ExecutionException | CompletionException e) {
            throw classify(e.getCause() == null ? e : e.getCause());
        }
    }

    private KafkaCallException unreachable(Throwable cause) {
        return new KafkaCallException(cause, new Problem(ConditionReason.KAFKA_UNREACHABLE,
                "Kafka did not answer within " + apiTimeout.toSeconds() + "s: " + cause.getMessage()), true);
    }

    private KafkaCallException classify(Throwable cause) {
        // first: Kafka's AuthenticationException is an InvalidConfigurationException, which reads as a topic setting
        if (cause instanceof AuthenticationException) {
            return new KafkaCallException(cause, new Problem(ConditionReason.KAFKA_AUTHENTICATION_FAILED,
                    "Kafka refused the credentials of spec.kafka (check the user, its password Secret and the "
                            + "trusted certificates): " + cause.getMessage()), true);
        }
        if (cause instanceof AuthorizationException) {
            return new KafkaCallException(cause, new Problem(ConditionReason.KAFKA_NOT_AUTHORIZED,
                    "the operator's Kafka user may not do this: " + cause.getMessage()), true);
        }
        if (cause instanceof TimeoutException || cause instanceof RetriableException) {
            return unreachable(cause);
        }
        if (cause instanceof InvalidConfigurationException || cause instanceof InvalidReplicationFactorException
                || cause instanceof PolicyViolationException || cause instanceof InvalidPartitionsException
                || cause instanceof InvalidTopicException || cause instanceof InvalidRequestException) {
            return new KafkaCallException(cause, new Problem(ConditionReason.INVALID_TOPIC_CONFIG,
                    "Kafka rejected the topic settings: " + cause.getMessage()), false);
        }
        String kind = cause instanceof ApiException ? "request failed" : "client error";
        return new KafkaCallException(cause, new Problem(ConditionReason.KAFKA_ERROR,
                "Kafka " + kind + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage()), true);
    }
}
