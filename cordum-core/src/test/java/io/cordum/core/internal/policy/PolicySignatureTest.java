package io.cordum.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.core.policy.PolicySource;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.memory.InMemoryPolicyBundleStore;
import io.cordum.testkit.ManualClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ed25519 checks of file, URL and bundle policies; strict key and signature decoding. */
class PolicySignatureTest {
  static final String POLICY =
      "version: s1\nrules: [{id: d, match: {topics: [job.x]}, decision: deny}]\n";
  @TempDir Path dir;
  final ManualClock clock = new ManualClock();
  Keys keys;
  Path file;

  @BeforeEach
  void setUp() throws Exception {
    keys = new Keys();
    file = dir.resolve("safety.yaml");
    Files.writeString(file, POLICY);
  }

  DefaultSafetyKernel kernel(SafetyKernelConfig.Builder b) {
    return new DefaultSafetyKernel(b.build(), null, clock);
  }

  String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void base64KeyAndBase64SignatureVerify() throws Exception {
    var k =
        kernel(
            SafetyKernelConfig.builder()
                .fromEnvironment(
                    Map.of(
                        "SAFETY_POLICY_PATH", file.toString(),
                        "SAFETY_POLICY_PUBLIC_KEY", b64(keys.rawPublic),
                        "SAFETY_POLICY_SIGNATURE", b64(keys.sign(POLICY)))));
    assertThat(k.currentSnapshot()).startsWith("s1:");
  }

  @Test
  void hexKeyAndHexSignatureVerify() throws Exception {
    // 64 hex digits are also valid base64 (48 bytes): strict decoding must read them as hex.
    var k =
        kernel(
            SafetyKernelConfig.builder()
                .policyFile(file)
                .publicKey(hex(keys.rawPublic))
                .signature(hex(keys.sign(POLICY))));
    assertThat(k.check(JobRequest.builder().jobId("j").topic("job.x").build()).decision())
        .isEqualTo(SafetyDecision.DENY);
  }

  @Test
  void adjacentSigFileMayBeRawOrText() throws Exception {
    Path sig = dir.resolve("safety.yaml.sig");
    Files.write(sig, keys.sign(POLICY));
    assertThat(
            kernel(SafetyKernelConfig.builder().policyFile(file).publicKey(b64(keys.rawPublic)))
                .currentSnapshot())
        .startsWith("s1:");
    Files.writeString(sig, b64(keys.sign(POLICY)) + "\n");
    assertThat(
            kernel(SafetyKernelConfig.builder().policyFile(file).publicKey(hex(keys.rawPublic)))
                .currentSnapshot())
        .startsWith("s1:");
    Files.delete(sig);
    assertThatThrownBy(
            () ->
                kernel(
                    SafetyKernelConfig.builder().policyFile(file).publicKey(b64(keys.rawPublic))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(".sig does not exist");
  }

  @Test
  void aTamperedPolicyFailsAtStartAndKeepsTheOldOneOnReload() throws Exception {
    Files.write(dir.resolve("safety.yaml.sig"), keys.sign(POLICY));
    var k = kernel(SafetyKernelConfig.builder().policyFile(file).publicKey(b64(keys.rawPublic)));
    String snap = k.currentSnapshot();
    Files.writeString(file, POLICY.replace("deny", "allow"));
    var status = k.reload();
    assertThat(status.error()).contains("does not verify");
    assertThat(k.currentSnapshot()).isEqualTo(snap);
    assertThatThrownBy(
            () ->
                kernel(
                    SafetyKernelConfig.builder().policyFile(file).publicKey(b64(keys.rawPublic))))
        .hasMessageContaining("does not verify");
  }

  @Test
  void keysAndSignaturesOfTheWrongLengthAreErrorsNotCrashes() {
    assertThatThrownBy(() -> Ed25519.publicKey("@@@")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Ed25519.publicKey(b64(new byte[33])))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("got 33");
    assertThatThrownBy(() -> Ed25519.decode("abcd", 64, "signature"))
        .isInstanceOf(ValidationException.class);
    assertThat(Ed25519.decode(hex(new byte[32]), 32, "key")).hasSize(32);
  }

  @Test
  void urlPoliciesAreFetchedVerbatimAndNeedAnExplicitSignature() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/p.yaml",
        ex -> {
          byte[] body = POLICY.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/p.yaml");
      assertThat(PolicySource.url(uri).fetch()).isEqualTo(POLICY.getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(
              () ->
                  kernel(
                      SafetyKernelConfig.builder().policyUrl(uri).publicKey(b64(keys.rawPublic))))
          .hasMessageContaining("signature required");
      assertThat(
              kernel(
                      SafetyKernelConfig.builder()
                          .policyUrl(uri)
                          .publicKey(b64(keys.rawPublic))
                          .signature(b64(keys.sign(POLICY))))
                  .currentSnapshot())
          .startsWith("s1:");
      assertThatThrownBy(
              () ->
                  PolicySource.url(
                          URI.create(
                              "http://127.0.0.1:" + server.getAddress().getPort() + "/missing"))
                      .fetch())
          .hasMessageContaining("policy fetch status 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unsignedBundlesAreLeftOutWhenSignaturesAreRequired() throws Exception {
    var store = new InMemoryPolicyBundleStore(clock);
    String deny = "rules: [{id: signed, decision: deny}]";
    String allow = "rules: [{id: unsigned, decision: throttle}]";
    store.commit(
        0,
        Map.of(
            "secops/a", PolicyBundle.builder("secops/a").content(allow).build(),
            "secops/b",
                PolicyBundle.builder("secops/b")
                    .content(deny)
                    .signature(b64(keys.sign(deny)))
                    .build()),
        List.of(),
        null);
    var k =
        new DefaultSafetyKernel(
            SafetyKernelConfig.builder()
                .publicKey(hex(keys.rawPublic))
                .requireSignedBundles(true)
                .build(),
            store,
            clock);
    assertThat(k.check(JobRequest.builder().jobId("j").topic("job.x").build()).ruleId())
        .isEqualTo("signed");
  }
}
