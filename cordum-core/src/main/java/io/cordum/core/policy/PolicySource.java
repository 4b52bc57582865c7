package io.cordum.core.policy;

import io.cordum.api.BackendException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the base policy comes from: a file, a URL or a string. {@link #fetch()} returns the exact
 * bytes (signatures are checked over them); a failure is a {@link BackendException}.
 */
public interface PolicySource {

  /** A name for messages and traces, such as the path or URL. */
  String name();

  /** The policy bytes. */
  byte[] fetch();

  /** The signature stored beside the policy ({@code <path>.sig} for files), if any. */
  default Optional<byte[]> adjacentSignature() {
    return Optional.empty();
  }

  /** Whether the source is remote (a signature must then be given explicitly). */
  default boolean remote() {
    return false;
  }

  /** A policy file; {@code <path>.sig} is its adjacent signature. */
  static PolicySource file(Path path) {
    return new PolicySource() {
      @Override
      public String name() {
        return path.toString();
      }

      @Override
      public byte[] fetch() {
        try {
          return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
          throw new BackendException("policy file " + path + " does not exist", e);
        } catch (IOException e) {
          throw new BackendException("policy file " + path + " unreadable: " + e, e);
        }
      }

      @Override
      public Optional<byte[]> adjacentSignature() {
        Path sig = path.resolveSibling(path.getFileName() + ".sig");
        try {
          return Files.exists(sig) ? Optional.of(Files.readAllBytes(sig)) : Optional.empty();
        } catch (IOException e) {
          throw new BackendException("signature file " + sig + " unreadable: " + e, e);
        }
      }
    };
  }

  /** A policy fetched over HTTP(S) with a 10 s timeout; non-2xx answers are errors. */
  static PolicySource url(URI uri) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new PolicySource() {
      @Override
      public String name() {
        return uri.toString();
      }

      @Override
      public byte[] fetch() {
        try {
          HttpResponse<byte[]> r =
              client.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          if (r.statusCode() / 100 != 2) {
            throw new BackendException(
                "policy fetch status " + r.statusCode() + " from " + uri, null);
          }
          return r.body();
        } catch (IOException e) {
          throw new BackendException("policy fetch from " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BackendException("policy fetch from " + uri + " interrupted", e);
        }
      }

      @Override
      public boolean remote() {
        return true;
      }
    };
  }

  /** A policy given as text. */
  static PolicySource inline(String policy) {
    byte[] bytes = policy.getBytes(StandardCharsets.UTF_8);
    return new PolicySource() {
      @Override
      public String name() {
        return "inline";
      }

      @Override
      public byte[] fetch() {
        return bytes.clone();
      }
    };
  }
}
