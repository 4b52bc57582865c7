package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.RedisServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A reused job id or idempotency key never rewrites a job's request or input, on Redis too. */
class SubmitIntegrityOnRedisTest {

  @Test
  void reusedIdsAndKeysAreRefusedUnlessTheRequestRepeats() {
    try (RedisServer redis = RedisServer.start();
        Cordum cordum =
            Cordum.builder()
                .modules(
                    new RedisStoresModule(
                        RedisConfig.builder().url(redis.url()).keyPrefix("integrity:").build()))
                .build()
                .start()) {
      cordum
          .jobs()
          .submit(
              JobSubmission.builder()
                  .jobId("inv-7")
                  .topic("job.default")
                  .input("amount=10")
                  .build());
      assertThat(
              cordum
                  .jobs()
                  .submit(
                      JobSubmission.builder()
                          .jobId("inv-7")
                          .topic("job.default")
                          .input("amount=10")
                          .build())
                  .duplicate())
          .isTrue();
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.builder()
                              .jobId("inv-7")
                              .topic("job.default")
                              .input("amount=99")
                              .build()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("input");
      assertThat(new String(cordum.jobs().input("inv-7").orElseThrow(), StandardCharsets.UTF_8))
          .isEqualTo("amount=10");

      String first =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .idempotencyKey("pay-1")
                      .input("10")
                      .build())
              .jobId();
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.builder()
                              .topic("job.default")
                              .idempotencyKey("pay-1")
                              .input("99")
                              .build()))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(first);
    }
  }
}
