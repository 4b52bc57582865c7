package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.UnknownFields;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import io.cordum.redis.internal.RequestJson;
import io.cordum.redis.internal.SafetyJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON snapshots of requests and safety decisions round-trip every field. */
class RequestJsonTest {

  @Test
  void everyRequestFieldRoundTrips() {
    JobRequest req =
        new JobRequest(
            "job-1",
            "job.chat",
            JobPriority.CRITICAL,
            "redis://ctx:job-1",
            "adapter-1",
            Map.of("tenant_id", "env-t", "team_id", "team-1"),
            "parent-1",
            "wf-1",
            3,
            "mem:job-1",
            new ContextHints(
                1000, true, false, List.of("a", "b"), UnknownFields.of(new byte[] {8, 1})),
            new Budget(1, 2, Long.MAX_VALUE, 60_000, UnknownFields.of(new byte[] {16, 2})),
            "tenant-1",
            "alice",
            Map.of("k", "v", "ünï", "cødé\u0000"),
            new JobMetadata(
                "meta-t",
                "bot",
                ActorType.SERVICE,
                "idem",
                "chat",
                List.of("pii"),
                List.of("gpu"),
                "pack",
                Map.of("m", "1"),
                UnknownFields.of(new byte[] {24, 3})),
            UnknownFields.of(new byte[] {(byte) 0xf8, 1, 0}));

    String json = RequestJson.encode(req);

    assertThat(RequestJson.decode(json)).isEqualTo(req);
    assertThat(json)
        .contains(
            "\"jobId\":\"job-1\"",
            "\"priority\":\"JOB_PRIORITY_CRITICAL\"",
            "\"actorType\":\"ACTOR_TYPE_SERVICE\"",
            "\"maxTotalTokens\":\"9223372036854775807\"");
  }

  @Test
  void aBareRequestRoundTrips() {
    JobRequest req = JobRequest.builder().jobId("j").build();

    assertThat(RequestJson.decode(RequestJson.encode(req))).isEqualTo(req);
  }

  @Test
  void everyDecisionFieldRoundTrips() {
    SafetyDecisionRecord full =
        new SafetyDecisionRecord(
            SafetyDecision.ALLOW_WITH_CONSTRAINTS,
            "limits",
            "rule-1",
            "snap-1",
            new PolicyConstraints(
                new BudgetConstraints(1000, 2, 1 << 20, 4),
                new SandboxProfile(true, List.of("example.com"), List.of("/ro"), List.of("/rw")),
                new ToolchainConstraints(List.of("git"), List.of("ls")),
                new DiffConstraints(10, 200, List.of("secrets/**")),
                "strict"),
            List.of(
                new PolicyRemediation(
                    "r1",
                    "Safe pool",
                    "use it",
                    "job.safe",
                    "cap",
                    Map.of("policy", "safe"),
                    List.of("env"))),
            true,
            "apr-1",
            "hash-1",
            Instant.parse("2026-01-01T00:00:00.123456Z"));
    SafetyDecisionRecord bare =
        SafetyDecisionRecord.of(SafetyDecision.DENY, "", Instant.parse("2026-01-01T00:00:00Z"));
    SafetyDecisionRecord partial =
        new SafetyDecisionRecord(
            SafetyDecision.ALLOW,
            "",
            "",
            "",
            new PolicyConstraints(null, null, null, null, ""),
            List.of(),
            false,
            "",
            "",
            Instant.EPOCH);

    SafetyDecisionRecord approved =
        full.toBuilder()
            .approval(
                new io.cordum.api.policy.ApprovalRecord(
                    true, "alice", "ok", Instant.parse("2026-01-01T00:00:01.5Z")))
            .build();
    for (SafetyDecisionRecord d : List.of(full, bare, partial, approved)) {
      assertThat(SafetyJson.decode(SafetyJson.encode(d))).isEqualTo(d);
    }
    assertThat(SafetyJson.encode(full))
        .contains(
            "\"approval_required\":true",
            "\"checked_at\":1767225600123456",
            "\"rule_id\":\"rule-1\"");
  }
}
