package io.cordum.core.internal.policy.engine;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import java.util.List;
import java.util.Map;

/** Request builders for policy tests. */
final class PolicyTestRequests {
  private PolicyTestRequests() {}

  static JobRequest.Builder job(String topic) {
    return JobRequest.builder().jobId("j1").topic(topic);
  }

  static JobMetadata.Builder meta() {
    return JobMetadata.builder();
  }

  static Evaluation eval(String policy, JobRequest req) {
    PolicyDocument d = PolicyParser.parse(policy);
    return Evaluator.evaluate(
        CompiledPolicy.compile(d == null ? List.of() : List.of(new SourcedDocument("base", d))),
        RequestView.of(req),
        true);
  }

  static JobRequest withLabels(String topic, Map<String, String> labels) {
    return job(topic).labels(labels).build();
  }

  static JobRequest service(String topic, String capability, List<String> risk) {
    return job(topic)
        .meta(meta().actorType(ActorType.SERVICE).capability(capability).riskTags(risk).build())
        .build();
  }
}
