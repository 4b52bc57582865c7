package io.cordum.core.internal.policy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;

/** An Ed25519 key pair for tests, with the raw public key. */
final class Keys {
  final KeyPair pair;
  final byte[] rawPublic;

  Keys() throws Exception {
    pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] der = pair.getPublic().getEncoded();
    rawPublic = Arrays.copyOfRange(der, der.length - 32, der.length);
  }

  byte[] sign(String text) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(text.getBytes(StandardCharsets.UTF_8));
    return s.sign();
  }
}
