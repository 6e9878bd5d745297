package dev.abacus.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and 127.0.0.1, made by the JDK's keytool: the broker's key store
 * and the PEM a client trusts. For tests and the local runner only.
 */
public record TlsMaterial(Path keyStore, String password, String certificatePem) {

    public static TlsMaterial selfSigned(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keyStore = dir.resolve("broker-" + UUID.randomUUID() + ".p12");
            String password = UUID.randomUUID().toString();
            keytool(List.of("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password));
            String pem = keytool(List.of("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
                    "-storepass", password));
            return new TlsMaterial(keyStore, password, pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make TLS material in " + dir, e);
        }
    }

    private static String keytool(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments.get(0) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for keytool", e);
        } finally {
            process.destroy();
        }
    }
}
