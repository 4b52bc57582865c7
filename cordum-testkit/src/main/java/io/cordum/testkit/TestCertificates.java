package io.cordum.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test PKI for TLS tests, as files a server and a client can be pointed at: a CA, a server
 * certificate for {@value #SERVER_NAME} only (no IP address, so a connection to {@code 127.0.0.1}
 * verifies only when the client is told that name) and a client certificate, all signed by the CA
 * and valid for 100 years. How they were made: {@code
 * src/main/resources/io/cordum/testkit/tls/README.md}.
 */
public final class TestCertificates {
  /** The one DNS name in the server certificate. */
  public static final String SERVER_NAME = "tls.cordum.test";

  private static final List<String> FILES =
      List.of("ca.pem", "server.pem", "server-key.pem", "client.pem", "client-key.pem");

  private TestCertificates() {}

  /** The CA certificate (PEM). */
  public static Path ca() {
    return file("ca.pem");
  }

  /** The server certificate for {@value #SERVER_NAME} (PEM). */
  public static Path serverCert() {
    return file("server.pem");
  }

  /** The server's private key (PKCS#8 PEM). */
  public static Path serverKey() {
    return file("server-key.pem");
  }

  /** The client certificate (PEM). */
  public static Path clientCert() {
    return file("client.pem");
  }

  /** The client's private key (PKCS#8 PEM). */
  public static Path clientKey() {
    return file("client-key.pem");
  }

  private static Path file(String name) {
    return Copied.DIR.resolve(name);
  }

  /** Copies the files out of the jar once, on first use (the holder idiom: no lock needed). */
  private static final class Copied {
    static final Path DIR = copy();

    private static Path copy() {
      try {
        Path d = Files.createTempDirectory("cordum-test-pki-");
        d.toFile().deleteOnExit();
        for (String f : FILES) {
          try (InputStream in = TestCertificates.class.getResourceAsStream("tls/" + f)) {
            if (in == null) {
              throw new IllegalStateException("missing test resource tls/" + f);
            }
            Files.copy(in, d.resolve(f));
          }
          d.resolve(f).toFile().deleteOnExit();
        }
        return d;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy the test certificates", e);
      }
    }
  }
}
