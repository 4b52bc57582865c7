package io.cordum.tls.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Wraps the SSLContext's factory so every client socket uses {@link ClientTls}'s server name as the
 * peer's name (what the JDK sends as SNI and verifies the certificate against) and its parameters.
 * Clients upgrade a connected TCP socket with the layered {@link #createSocket(Socket, String, int,
 * boolean)}; the other methods connect and then do the same.
 */
final class ClientSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final ClientTls tls;

  ClientSocketFactory(SSLSocketFactory delegate, ClientTls tls) {
    this.delegate = delegate;
    this.tls = tls;
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws IOException {
    SSLSocket ssl = (SSLSocket) delegate.createSocket(s, tls.peerName(host), port, autoClose);
    ssl.setSSLParameters(tls.applyTo(ssl.getSSLParameters()));
    return ssl;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return layer(new Socket(host, port), host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return layer(new Socket(host, port, localHost, localPort), host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return layer(new Socket(host, port), host.getHostAddress(), port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return layer(
        new Socket(address, port, localAddress, localPort), address.getHostAddress(), port);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  private Socket layer(Socket plain, String host, int port) throws IOException {
    try {
      return createSocket(plain, host, port, true);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }
}
