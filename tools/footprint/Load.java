import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes at a steady rate for a while: one POST /values in four, the rest PUT /values/{id} on values it created.
 * Usage: java Load.java BASE_URL RATE_PER_SECOND SECONDS. Prints one line: sent ok errors dropped, then the
 * median, 99th percentile and maximum response time in ms (the answer comes once Kafka has the command). A tick
 * with 256 requests in flight is dropped, not queued, so the rate stays steady.
 */
public final class Load {

    private static final Pattern VALUE_ID = Pattern.compile("\"value_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_IN_FLIGHT = 256;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> ids = new ArrayList<>();
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong tick = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            long n = tick.getAndIncrement();
            if (n >= total) {
                return;
            }
            for (String id; (id = created.poll()) != null; ) {
                ids.add(id);
            }
            if (!inFlight.tryAcquire()) {
                dropped.incrementAndGet();
                return;
            }
            HttpRequest request;
            boolean create = ids.isEmpty() || n % 4 == 0;
            if (create) {
                request = json(base + "/values", "POST", "{\"value\": " + (n % 100) + "}");
            } else {
                String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                request = json(base + "/values/" + id, "PUT", "{\"operation\": \"ADD\", \"value\": 1}");
            }
            sent.incrementAndGet();
            long begun = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.release();
                micros.add((System.nanoTime() - begun) / 1000);
                if (failure != null || response.statusCode() / 100 != 2) {
                    errors.incrementAndGet();
                    return;
                }
                ok.incrementAndGet();
                if (create) {
                    Matcher m = VALUE_ID.matcher(response.body());
                    if (m.find()) {
                        created.add(m.group(1));
                    }
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (tick.get() < total) {
            Thread.sleep(100);
        }
        ticker.shutdown();
        inFlight.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS);
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%d %d %d %d %.1f %.1f %.1f%n", sent.get(), ok.get(), errors.get(), dropped.get(),
                percentile(sorted, 0.5), percentile(sorted, 0.99), percentile(sorted, 1.0));
        System.exit(0);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }

    private static HttpRequest json(String uri, String method, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
