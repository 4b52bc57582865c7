package io.cordum.tls.internal;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised SSLContext whose client sockets and engines get {@link ClientTls}'s server name
 * and parameters: for clients such as jnats that take an SSLContext and create the sockets
 * themselves, with no hook for SNI or hostname verification.
 */
final class ClientSslContext extends SSLContext {
  ClientSslContext(SSLContext delegate, ClientTls tls) {
    super(new Spi(delegate, tls), delegate.getProvider(), delegate.getProtocol());
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final ClientTls tls;
    private final SSLSocketFactory sockets;

    Spi(SSLContext delegate, ClientTls tls) {
      this.delegate = delegate;
      this.tls = tls;
      this.sockets = tls.socketFactory();
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("a ClientTls context is already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return sockets;
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return delegate.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return configure(
          tls.serverName() == null
              ? delegate.createSSLEngine()
              : delegate.createSSLEngine(tls.serverName(), -1));
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return configure(delegate.createSSLEngine(tls.peerName(host), port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return tls.applyTo(delegate.getDefaultSSLParameters());
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return delegate.getSupportedSSLParameters();
    }

    private SSLEngine configure(SSLEngine engine) {
      engine.setUseClientMode(true);
      engine.setSSLParameters(tls.applyTo(engine.getSSLParameters()));
      return engine;
    }
  }
}
