package dev.abacus.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorHttpServerTest {

    /** A kubelet probe's default timeout, and shorter than the server's request deadline. */
    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    /** For the first request, which also loads the server's classes on a possibly busy machine. */
    private static final int FIRST_PROBE_TIMEOUT_MILLIS = 10_000;
    private static final String STALLED_REQUEST = "GET /health/liveness HTTP/1.1\r\nHost: slow\r\nX-Unfinished: ";

    private final List<Socket> sockets = new ArrayList<>();
    private Operator operator;
    private OperatorHttpServer server;

    @BeforeEach
    void start() {
        operator = new Operator();
        server = new OperatorHttpServer(0, operator, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
        operator.stop();
    }

    @Test
    void probesAnswerWhileSlowClientsHoldUnfinishedRequests() throws IOException {
        assertThat(probeStatusLine(FIRST_PROBE_TIMEOUT_MILLIS)).as("before the slow clients").isEqualTo("HTTP/1.1 200 OK");
        for (int i = 0; i < 20; i++) {
            stall(connect());
        }

        for (int probe = 0; probe < 5; probe++) {
            assertThat(probeStatusLine(PROBE_TIMEOUT_MILLIS)).as("probe %d", probe).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void anUnfinishedRequestIsCutOffAtItsDeadline() throws IOException {
        Socket slow = connect();
        stall(slow);
        slow.setSoTimeout(10_000);

        int read;
        try {
            read = slow.getInputStream().read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server still held the unfinished request after 10 s", e);
        } catch (SocketException e) {
            read = -1;
        }
        assertThat(read).as("connection closed by the server").isEqualTo(-1);
    }

    private String probeStatusLine(int timeoutMillis) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/liveness HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        } catch (SocketTimeoutException e) {
            return "no answer within " + timeoutMillis + " ms";
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), FIRST_PROBE_TIMEOUT_MILLIS);
        return socket;
    }

    private static void stall(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(STALLED_REQUEST.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
