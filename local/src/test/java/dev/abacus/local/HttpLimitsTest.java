package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cannot hold the runner's HTTP port: connections above the cap wait unaccepted, and a connection
 * that does not finish its request head is closed after the header timeout, even one that trickles bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpLimitsTest {

    private static final int CAP = 4;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(3);
    private static final byte[] REQUEST = "GET /view/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private LocalAbacus abacus;
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        abacus = LocalAbacus.start(new LocalOptions(dataDir, LocalOptions.LOOPBACK, 0, 0, 1, CAP, HEADER_TIMEOUT));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> statusOf(request()) > 0);
    }

    @AfterAll
    void stop() {
        trickle.shutdownNow();
        abacus.close();
    }

    @Test
    void slowClientsAreCappedAndClosedAndAFreshRequestIsAnsweredWithinTheHeaderTimeout() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            slow.add(connect());
            slow.add(connect());
            slow.add(sendPartly("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
            Socket trickler = sendPartly("GET /health HTTP/1.1\r\nX-Trickle: ");
            slow.add(trickler);
            trickle.scheduleAtFixedRate(() -> {
                try {
                    trickler.getOutputStream().write('a');
                } catch (IOException closed) {
                    throw new IllegalStateException(closed);
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            long slowOpened = System.nanoTime();

            Socket fresh = request();
            assertThat(readsNothingInOneSecond(fresh))
                    .as("a fifth connection waits while %d slow ones hold the cap", CAP).isTrue();

            for (Socket socket : slow) {
                socket.setSoTimeout((int) HEADER_TIMEOUT.plusSeconds(10).toMillis());
                assertThat(socket.getInputStream().read()).as("slow connection closed by the server").isEqualTo(-1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - slowOpened))
                    .as("slow connections are held until the header timeout, not refused")
                    .isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(500));

            fresh.setSoTimeout((int) HEADER_TIMEOUT.plusSeconds(10).toMillis());
            assertThat(statusOf(fresh)).isEqualTo(200);
            assertThat(statusOf(request())).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /view/status HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) HEADER_TIMEOUT.plusSeconds(10).toMillis());
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            long answered = System.nanoTime();
            int read;
            do {
                read = in.read();
            } while (read != -1);
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(500));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LocalOptions.LOOPBACK, abacus.port()), 5000);
        return socket;
    }

    private Socket sendPartly(String head) throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private Socket request() throws IOException {
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write(REQUEST);
        out.flush();
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static boolean readsNothingInOneSecond(Socket socket) throws IOException {
        socket.setSoTimeout(1000);
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    /** The status code of the response on {@code socket}, which it then closes. */
    private static int statusOf(Socket socket) throws IOException {
        try (socket) {
            String line = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
        }
    }
}
