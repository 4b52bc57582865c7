package io.cordum.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over a raw socket, for sending what well-behaved clients refuse to send
 * (bad bytes in the path, header floods, truncated bodies). Keeps the connection alive between
 * requests and reconnects when the server closed it. Not thread-safe.
 */
@SuppressWarnings("NullAway") // socket, in and out are set by connect() before each use
public final class RawHttp implements AutoCloseable {
  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** A client for the server at host and port. */
  public RawHttp(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** A response: its status ({@code -1} when the server closed without answering). */
  public record Response(int status, String head, byte[] body) {}

  /**
   * Sends the bytes of a whole request and reads one response.
   *
   * @param halfClose whether to shut down the output after sending (a truncated body then ends at
   *     once instead of waiting for the server's timeout)
   */
  public Response send(byte[] request, boolean halfClose) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        boolean reused = socket != null;
        if (!reused) {
          connect();
        }
        out.write(request);
        out.flush();
        if (halfClose) {
          socket.shutdownOutput();
        }
        boolean head =
            request.length >= 5
                && request[0] == 'H'
                && request[1] == 'E'
                && request[2] == 'A'
                && request[3] == 'D'
                && request[4] == ' ';
        Response r = read(head);
        if (r.status < 0 && attempt == 0 && !halfClose && reused) {
          // The server had closed the kept-alive connection (after an error it answered
          // without "Connection: close"): send again on a fresh one.
          close();
          continue;
        }
        if (halfClose
            || r.status < 0
            || r.head.toLowerCase(Locale.ROOT).contains("\nconnection: close")) {
          close();
        }
        return r;
      } catch (IOException e) {
        close();
        if (attempt > 0 || halfClose) {
          return new Response(-1, e.toString(), new byte[0]);
        }
        // A kept-alive connection the server closed meanwhile: try once on a fresh one.
      }
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMillis);
    s.connect(new InetSocketAddress(host, port), timeoutMillis);
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
  }

  private Response read(boolean headRequest) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return new Response(-1, "closed", new byte[0]);
        }
        throw new IOException("closed inside the response head");
      }
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : (b == '\r' ? 1 : 0);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(h.substring(9, 12));
    String lower = h.toLowerCase(Locale.ROOT);
    byte[] body;
    int cl = lower.indexOf("\ncontent-length:");
    if (headRequest) {
      body = new byte[0]; // a HEAD response announces a length but carries no body
    } else if (lower.contains("\ntransfer-encoding: chunked")) {
      body = chunked();
    } else if (cl >= 0) {
      int end = lower.indexOf('\r', cl);
      int n = Integer.parseInt(h.substring(cl + 16, end).trim());
      body = in.readNBytes(n);
    } else if (status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else {
      body = in.readAllBytes();
      close();
    }
    return new Response(status, h, body);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      String line = line();
      int size = Integer.parseInt(line.split(";")[0].trim(), 16);
      if (size == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return b.toByteArray();
      }
      b.write(in.readNBytes(size));
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    socket = null;
  }
}
