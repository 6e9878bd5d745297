"""Publishes records through librdkafka (confluent-kafka) with its default partitioner, as a Python,
Go or C client of Abacus would. Reads "key<TAB>base64 value" lines on stdin; prints the partition of
each record, in input order, once every record is acknowledged."""
import base64
import sys

from confluent_kafka import Producer


def main():
    bootstrap, topic = sys.argv[1], sys.argv[2]
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True})
    partitions, errors = {}, []

    def delivered(index):
        def report(err, msg):
            if err is not None:
                errors.append(f"record {index}: {err}")
            else:
                partitions[index] = msg.partition()
        return report

    count = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        key, value = line.rstrip("\n").split("\t")
        producer.produce(topic, key=key.encode(), value=base64.b64decode(value), on_delivery=delivered(count))
        producer.poll(0)
        count += 1
    left = producer.flush(60)
    if errors or left:
        print(f"{len(errors)} records failed, {left} unacknowledged: {errors[:5]}", file=sys.stderr)
        sys.exit(1)
    for index in range(count):
        print(partitions[index])


if __name__ == "__main__":
    main()
