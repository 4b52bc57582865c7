package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.internal.policy.AllowAllSafetyGate;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Submit, routing and dispatch, end to end on the in-memory bus and stores. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerDispatchTest {
  private final Harness h;

  SchedulerDispatchTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void heartbeatSubscriptionHasNoQueueSoEveryReplicaSeesEveryWorker() {
    h.start();
    h.start();
    h.heartbeat("w1", "default");
    assertThat(h.registry.snapshot()).containsKey("w1");
    assertThat(h.registry.get("w1").orElseThrow().heartbeat().type()).isEqualTo("cpu");
  }

  @Test
  void dispatchesToTheLeastLoadedWorkersDirectSubjectKeepingTheTrace() {
    h.start();
    h.heartbeat("busy", "default", 5, 10, Map.of());
    h.heartbeat("idle", "default", 1, 10, Map.of());
    h.submit(Harness.job("j1").build(), "trace-x");

    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    h.settle();
    var sent = h.jobsPublished("j1");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).subject()).isEqualTo("worker.idle.jobs");
    assertThat(sent.get(0).packet().traceId()).isEqualTo("trace-x");
    assertThat(sent.get(0).packet().senderId()).isEqualTo("cordum-scheduler");
    assertThat(sent.get(0).packet().protocolVersion()).isEqualTo(1);
    assertThat(rec.attempts()).isEqualTo(1);
    assertThat(rec.traceId()).isEqualTo("trace-x");
    assertThat(rec.safety().decision()).isEqualTo(SafetyDecision.ALLOW);
    assertThat(rec.safety().reason()).isEqualTo(AllowAllSafetyGate.REASON);
    assertThat(rec.safety().checkedAt()).isEqualTo(h.clock.instant());
    assertThat(h.store.history("j1"))
        .extracting(e -> e.state())
        .containsExactly(JobState.PENDING, JobState.SCHEDULED, JobState.RUNNING);
    assertThat(h.counter("cordum.scheduler.jobs.dispatched", "topic", "job.default")).isEqualTo(1);
  }

  @Test
  void poolWithoutHeartbeatingWorkersGetsTheJobOnItsTopicForSdkWorkers() {
    h.start();
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    h.settle();
    assertThat(h.jobsPublished("j1"))
        .extracting(Harness.Sent::subject)
        .containsExactly("job.default");
  }

  @Test
  void bookkeepingTravelsAsAMessageIdNotAsALabelWorkersSee() {
    // CAP defines labels as routing and placement labels a worker may act on; every request
    // used to carry cordum.bus_msg_id there. A Go submitter's label is not passed on either.
    h.start();
    h.heartbeat("w1", "default");
    h.submit(
        Harness.job("j1")
            .putLabels("workflow_id", "x")
            .putLabels("cordum.bus_msg_id", "go@9")
            .build());
    h.awaitState("j1", JobState.RUNNING);
    assertThat(h.jobsPublished("j1"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.messageId()).isEqualTo("j1@1");
              assertThat(s.packet().jobRequest().labels()).containsOnlyKeys("workflow_id");
            });
  }

  @Test
  void aWorkerIdThatIsNoSubjectTokenIsRefusedSoItsPoolStillGetsJobsOnTheTopic() {
    // "w1.prod" can never get direct dispatch; counted as live, it turned the topic fallback
    // off and its pool's jobs failed with no_workers after five minutes, without a log line.
    h.start();
    Heartbeat hb =
        Heartbeat.builder().workerId("w1.prod").pool("default").maxParallelJobs(4).build();
    h.bus.publish(Subjects.HEARTBEAT, BusPacket.of("w1.prod", "w1.prod", h.clock.instant(), hb));
    h.settle();
    assertThat(h.registry.snapshot()).doesNotContainKey("w1.prod");
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    assertThat(h.jobsPublished("j1"))
        .extracting(Harness.Sent::subject)
        .containsExactly("job.default");
  }

  @Test
  void aStoppingWorkerIsForgottenAtOnceAndGetsNoMoreJobs() {
    h.start();
    h.heartbeat("w1", "default");
    h.heartbeat("w2", "default", 3, 10, Map.of());
    Heartbeat last =
        Heartbeat.builder()
            .workerId("w1")
            .pool("default")
            .activeJobs(10)
            .maxParallelJobs(10)
            .putLabels(Heartbeat.STOPPING_LABEL, "true")
            .build();
    h.bus.publish(Subjects.HEARTBEAT, BusPacket.of("w1", "w1", h.clock.instant(), last));
    h.settle();
    assertThat(h.registry.snapshot()).containsOnlyKeys("w2");
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    assertThat(h.jobsPublished("j1"))
        .extracting(Harness.Sent::subject)
        .containsExactly("worker.w2.jobs");
  }

  @Test
  void workersSpreadByInflightCountBetweenHeartbeats() {
    h.start();
    h.heartbeat("a", "default", 0, 10, Map.of());
    h.heartbeat("b", "default", 0, 10, Map.of());
    for (int i = 0; i < 6; i++) { // one at a time: concurrent routings may see the same load
      h.submit(Harness.job("j" + i).build());
      h.awaitState("j" + i, JobState.RUNNING);
    }
    h.settle();
    Map<String, Long> perWorker =
        h.sent.stream()
            .filter(s -> s.subject().startsWith("worker."))
            .collect(Collectors.groupingBy(Harness.Sent::subject, Collectors.counting()));
    // Stale heartbeats say both are idle; without the in-flight count all six would go to "a".
    assertThat(perWorker).containsOnlyKeys("worker.a.jobs", "worker.b.jobs");
    assertThat(perWorker.values()).containsOnly(3L);
  }

  @Test
  void requiresThatNoPoolOffersFailsWithNoPoolMappingAndADeadLetter() {
    h.start();
    h.submit(Harness.job("j1").meta(JobMetadata.builder().requires("tpu").build()).build());
    JobRecord rec = h.awaitState("j1", JobState.FAILED);
    h.settle();
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.NO_POOL_MAPPING);
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.jobId()).isEqualTo("j1");
              assertThat(d.status()).isEqualTo(JobStatus.FAILED);
              assertThat(d.errorCode()).isEqualTo("no_pool_mapping");
              assertThat(d.errorMessage())
                  .startsWith("no_pool_mapping: no pool satisfies requires");
            });
    var dlq = h.on(Subjects.DLQ).get(0).packet();
    assertThat(dlq.traceId()).isEqualTo("j1");
    assertThat(dlq.senderId()).isEqualTo("cordum-scheduler");
  }

  @Test
  void requiresIsMatchedAgainstPoolCapabilities() {
    h.start();
    h.heartbeat("g1", "gpu");
    h.submit(
        Harness.job("j1")
            .topic("job.gpu")
            .meta(JobMetadata.builder().requires(" GPU ").build())
            .build());
    h.awaitState("j1", JobState.RUNNING);
    h.settle();
    assertThat(h.jobsPublished("j1"))
        .extracting(Harness.Sent::subject)
        .containsExactly("worker.g1.jobs");
  }

  @Test
  void unmappedTopicFailsWithNoPoolMapping() {
    h.start();
    h.submit(Harness.job("j1").topic("job.nowhere").build());
    JobRecord rec = h.awaitState("j1", JobState.FAILED);
    assertThat(rec.reasonCode()).isEqualTo("no_pool_mapping");
    assertThat(rec.reason()).isEqualTo("no_pool_mapping: topic \"job.nowhere\"");
  }

  @Test
  void invalidTopicFailsWithInvalidRequestAndLosesNothing() {
    h.start();
    h.submit(Harness.job("j1").topic("job.*").build());
    JobRecord rec = h.awaitState("j1", JobState.FAILED);
    h.settle();
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.INVALID_REQUEST);
    assertThat(h.store.getRequest("j1")).isPresent();
    assertThat(h.deadLetters()).extracting(d -> d.errorCode()).containsExactly("invalid_request");
  }

  @Test
  void blankTopicIsFailedToo() {
    h.start();
    h.submit(Harness.job("j1").topic("  ").build());
    assertThat(h.awaitState("j1", JobState.FAILED).reasonCode()).isEqualTo("invalid_request");
  }

  @Test
  void requestWithoutJobIdIsDroppedWithoutAnyWrite() {
    h.start();
    h.submit(Harness.job("  ").build());
    h.settle();
    assertThat(h.store.list(io.cordum.api.job.JobQuery.builder().build()).items()).isEmpty();
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void duplicateSubmitOfARunningJobDispatchesNothingMore() {
    h.start();
    h.heartbeat("w1", "default");
    JobRequest req = Harness.job("j1").build();
    h.submit(req);
    h.awaitState("j1", JobState.RUNNING);
    h.submit(req);
    h.submit(req);
    h.settle();
    assertThat(h.jobsPublished("j1")).hasSize(1);
    assertThat(h.store.get("j1").orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void placementLabelsWithNoMatchingWorkerWaitThenFailWithNoWorkers() {
    h.start(Harness.config().maxSchedulingWait(Duration.ofSeconds(10)).build());
    h.heartbeat("w1", "default", 0, 10, Map.of("region", "eu"));
    h.submit(Harness.job("j1").putLabels("region", "us").build());
    JobRecord waiting = h.awaitRecord("j1", r -> r.wakeAt() != null);
    assertThat(waiting.state()).isEqualTo(JobState.PENDING);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(waiting.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(2));

    h.tickAt(h.clock.instant().plusSeconds(2)); // still nothing: waits again
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.PENDING);

    h.heartbeat("w1", "default", 0, 10, Map.of("region", "eu")); // keep the worker alive
    h.tickAt(h.clock.instant().plusSeconds(10));
    JobRecord failed = h.awaitState("j1", JobState.FAILED);
    assertThat(failed.reasonCode()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(failed.reason()).contains("gave up after waiting");
    assertThat(h.deadLetters()).extracting(d -> d.errorCode()).containsExactly("no_workers");
  }

  @Test
  void aWaitingJobIsDispatchedOnceAWorkerAppears() {
    h.start();
    h.heartbeat("w1", "default", 0, 10, Map.of("region", "eu"));
    h.submit(Harness.job("j1").putLabels("region", "us").build());
    h.awaitRecord("j1", r -> r.wakeAt() != null);
    h.heartbeat("w2", "default", 0, 10, Map.of("region", "us"));
    h.tickAt(h.clock.instant().plusSeconds(2));
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    assertThat(rec.reasonCode()).isEmpty();
    assertThat(h.jobsPublished("j1"))
        .extracting(Harness.Sent::subject)
        .containsExactly("worker.w2.jobs");
  }

  @Test
  void allOverloadedWorkersDeferWithPoolOverloaded() {
    h.start();
    h.heartbeat("w1", "default", 9, 10, Map.of());
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitRecord("j1", r -> r.wakeAt() != null);
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.POOL_OVERLOADED);
    assertThat(rec.state()).isEqualTo(JobState.PENDING);
  }

  @Test
  void aResultWakesAJobWaitingForCapacityBeforeItsTimerIsDue() {
    h.start();
    h.heartbeat("w1", "default", 0, 1, Map.of());
    h.submit(Harness.job("a").build());
    h.awaitState("a", JobState.RUNNING);
    h.submit(Harness.job("b").build());
    JobRecord waiting = h.awaitRecord("b", r -> r.wakeAt() != null);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.POOL_OVERLOADED);

    h.result("a", io.cordum.api.cap.JobStatus.SUCCEEDED, "", "");
    JobRecord b = h.awaitState("b", JobState.RUNNING); // the clock never moved
    assertThat(h.clock.instant()).isBefore(waiting.wakeAt());
    assertThat(b.reasonCode()).isEmpty();
  }

  @Test
  void resultsDoNotScanTheTimersWhileNobodyWaitsButWakeAJobDeferredLater() {
    java.util.concurrent.atomic.AtomicInteger scans =
        new java.util.concurrent.atomic.AtomicInteger();
    io.cordum.api.job.JobStore real = h.store;
    h.schedulerStore =
        (io.cordum.api.job.JobStore)
            java.lang.reflect.Proxy.newProxyInstance(
                io.cordum.api.job.JobStore.class.getClassLoader(),
                new Class<?>[] {io.cordum.api.job.JobStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("dueTimers")) {
                    scans.incrementAndGet();
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    h.start();
    h.heartbeat("w1", "default", 0, 1, Map.of());
    for (int i = 0; i < 20; i++) {
      h.submit(Harness.job("j" + i).build());
      h.awaitState("j" + i, JobState.RUNNING);
      h.result("j" + i, io.cordum.api.cap.JobStatus.SUCCEEDED, "", "");
      h.awaitState("j" + i, JobState.SUCCEEDED);
      h.settle();
    }
    // One scan found nobody waiting; the next 19 results and the heartbeat asked nothing.
    assertThat(scans.get()).isLessThanOrEqualTo(2);

    h.submit(Harness.job("a").build());
    h.awaitState("a", JobState.RUNNING);
    h.submit(Harness.job("b").build());
    JobRecord waiting = h.awaitRecord("b", r -> r.wakeAt() != null);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.POOL_OVERLOADED);
    h.result("a", io.cordum.api.cap.JobStatus.SUCCEEDED, "", "");
    h.awaitState("b", JobState.RUNNING); // woken early: the clock never moved
    assertThat(h.clock.instant()).isBefore(waiting.wakeAt());
  }

  @Test
  void aResultHandledByAnotherReplicaStillFreesTheWorkerInThisReplicasView() {
    // This replica never receives results on its queue subscription (another replica handles
    // them all); it only observes them.
    h.schedulerBus =
        new FailingBus(h.bus, "unused.", 0) {
          @Override
          public Subscription subscribe(
              String subject, @Nullable String queueGroup, MessageHandler handler) {
            if (subject.equals(Subjects.RESULT) && queueGroup != null) {
              return super.subscribe("test.nothing.arrives.here", queueGroup, handler);
            }
            return super.subscribe(subject, queueGroup, handler);
          }
        };
    h.start();
    h.heartbeat("w1", "default", 0, 1, Map.of());
    h.submit(Harness.job("a").build());
    h.awaitState("a", JobState.RUNNING);

    h.result("a", io.cordum.api.cap.JobStatus.SUCCEEDED, "", ""); // the other replica's work
    h.settle();
    h.submit(Harness.job("b").build());

    JobRecord b = h.awaitState("b", JobState.RUNNING); // not deferred as overloaded
    assertThat(b.reasonCode()).isEmpty();
    assertThat(h.jobsPublished("b"))
        .extracting(m -> m.subject())
        .containsExactly(Subjects.direct("w1"));
  }

  @Test
  void effectiveConfigIsEmbeddedInTheDispatchedEnvAsSortedJson() {
    h.effectiveConfig =
        (org, team, wf, step) ->
            Map.of("feature", "on", "b", Map.of("z", 1, "a", 2), "org", org, "team", team);
    h.start();
    h.submit(Harness.job("j1").tenantId("acme").putEnv("team_id", "t1").build());
    h.awaitState("j1", JobState.RUNNING);
    h.settle();
    String json =
        h.jobsPublished("j1").get(0).packet().jobRequest().env().get(RequestEnv.EFFECTIVE_CONFIG);
    assertThat(json)
        .isEqualTo(
            "{\"b\":{\"a\":2,\"z\":1},\"feature\":\"on\",\"org\":\"acme\"," + "\"team\":\"t1\"}");
    // The stored request stays as submitted: a retry recomputes the config.
    assertThat(h.store.getRequest("j1").orElseThrow().env())
        .doesNotContainKey(RequestEnv.EFFECTIVE_CONFIG);
  }

  @Test
  void budgetDeadlineIsStoredOnceAndRedeliveryNeverMovesIt() {
    h.start(
        Harness.config()
            .pools(PoolConfig.builder().topic("job.default", "default").pool("default").build())
            .build());
    h.heartbeat("w1", "default", 9, 10, Map.of()); // overloaded: the job keeps waiting
    JobRequest req = Harness.job("j1").budget(Budget.ofDeadline(Duration.ofMinutes(1))).build();
    h.submit(req);
    JobRecord first = h.awaitRecord("j1", r -> r.deadline() != null);
    h.clock.advance(Duration.ofSeconds(30));
    h.tick();
    h.submit(req);
    h.settle();
    assertThat(h.store.get("j1").orElseThrow().deadline()).isEqualTo(first.deadline());
  }

  @Test
  void publishFailureReturnsTheJobToPendingAndTheTimerRetriesIt() {
    var failing = new FailingBus(h.bus, "job.", 1);
    h.schedulerBus = failing;
    h.start();
    h.submit(Harness.job("j1").build());
    JobRecord waiting =
        h.awaitRecord(
            "j1",
            r ->
                r.state() == JobState.PENDING && ReasonCodes.PUBLISH_FAILED.equals(r.reasonCode()));
    assertThat(waiting.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(2));
    h.tickAt(h.clock.instant().plusSeconds(2));
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    assertThat(rec.attempts()).isEqualTo(2);
    assertThat(h.jobsPublished("j1")).hasSize(1);
  }

  @Test
  void anAckThatFailsAfterRunningWasWrittenReturnsTheJobToPendingAndTheTimerRetriesIt() {
    var unconfirmed = new UnconfirmedBus(h.bus, "job.");
    h.schedulerBus = unconfirmed;
    h.start();
    h.submit(Harness.job("j1").build());
    // The dispatch is not held up by its ack: RUNNING is written while the ack is awaited.
    h.awaitState("j1", JobState.RUNNING);
    assertThat(unconfirmed.acks).hasSize(1);

    unconfirmed.acks.get(0).completeExceptionally(new BackendException("no ack (test)", null));

    JobRecord waiting =
        h.awaitRecord(
            "j1",
            r ->
                r.state() == JobState.PENDING && ReasonCodes.PUBLISH_FAILED.equals(r.reasonCode()));
    assertThat(waiting.reason()).contains("no ack (test)");
    assertThat(waiting.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(2));
    h.tickAt(h.clock.instant().plusSeconds(2));
    JobRecord rec = h.awaitRecord("j1", r -> r.state() == JobState.RUNNING && r.attempts() == 2);
    unconfirmed.acks.get(1).complete(null); // acknowledged: nothing changes
    h.settle();
    assertThat(h.store.get("j1").orElseThrow().version()).isEqualTo(rec.version());
  }

  @Test
  void anAckThatFailsAfterTheJobFinishedLeavesItFinished() {
    var unconfirmed = new UnconfirmedBus(h.bus, "job.");
    h.schedulerBus = unconfirmed;
    h.start();
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    h.result("j1", JobStatus.SUCCEEDED, "", "");
    JobRecord done = h.awaitState("j1", JobState.SUCCEEDED);

    unconfirmed.acks.get(0).completeExceptionally(new BackendException("late (test)", null));
    h.settle();

    assertThat(h.store.get("j1").orElseThrow().version()).isEqualTo(done.version());
  }

  @Test
  void twoReplicasNeverDispatchOneAttemptTwice() {
    h.start();
    h.start();
    h.heartbeat("w1", "default", 0, 1000, Map.of());
    int n = 200;
    for (int i = 0; i < n; i++) {
      JobRequest req = Harness.job("j" + i).build();
      h.submit(req);
      h.submit(req); // a redelivery racing the first delivery on the other replica
    }
    for (int i = 0; i < n; i++) {
      h.awaitState("j" + i, JobState.RUNNING);
    }
    h.settle();
    for (int i = 0; i < n; i++) {
      assertThat(h.jobsPublished("j" + i)).as("dispatches of j" + i).hasSize(1);
      assertThat(h.store.get("j" + i).orElseThrow().attempts()).isEqualTo(1);
    }
  }

  @Test
  void cancelPublishesExactlyOneCancelToWorkers() {
    Scheduler s = h.start();
    h.heartbeat("w1", "default");
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    h.settle();
    h.sent.clear();

    JobRecord rec = s.cancel("j1", "");
    h.settle();
    assertThat(rec.state()).isEqualTo(JobState.CANCELLED);
    assertThat(h.sent)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.subject()).isEqualTo(Subjects.CANCEL);
              assertThat(m.packet().traceId()).isEqualTo("j1");
              assertThat(m.packet().payload())
                  .isEqualTo(
                      io.cordum.api.cap.JobCancel.builder()
                          .jobId("j1")
                          .reason("cancelled by request")
                          .requestedBy("cordum-scheduler")
                          .build());
            });

    h.sent.clear();
    assertThat(s.cancel("j1", "again").state()).isEqualTo(JobState.CANCELLED);
    h.settle();
    assertThat(h.sent).isEmpty();
  }

  @Test
  void cancelOfAPendingOrApprovalJobWorks() {
    Scheduler s = h.start();
    h.store.save(Harness.job("j1").build(), null);
    assertThat(s.cancel("j1", "stop").state()).isEqualTo(JobState.CANCELLED);
    assertThat(h.store.get("j1").orElseThrow().reasonCode()).isEqualTo("cancelled");
  }

  @Test
  void cancelFromTheBusCancelsWithoutPublishing() {
    h.start();
    h.store.save(Harness.job("j1").build(), null);
    h.bus.publish(
        Subjects.CANCEL,
        io.cordum.api.cap.BusPacket.of(
            "j1",
            "gateway",
            h.clock.instant(),
            io.cordum.api.cap.JobCancel.builder().jobId("j1").reason("bye").build()));
    JobRecord rec = h.awaitState("j1", JobState.CANCELLED);
    h.settle();
    assertThat(rec.reason()).isEqualTo("bye");
    assertThat(h.on(Subjects.CANCEL)).hasSize(1); // only the one the test sent
  }

  @Test
  void cancelledJobStillQueuedIsNotDispatched() {
    h.start();
    h.store.save(Harness.job("j1").build(), null);
    h.store.cancel("j1", "stop");
    h.submit(Harness.job("j1").build());
    h.settle();
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void metricsCountReceivedAndDispatched() {
    h.start();
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    assertThat(h.counter("cordum.scheduler.jobs.received", "topic", "job.default")).isEqualTo(1);
    assertThat(h.counter("cordum.scheduler.jobs.dispatched", "topic", "job.default")).isEqualTo(1);
  }

  @Test
  void subjectsOfTheSchedulersSubscriptions() {
    h.start();
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    h.settle();
    Set<String> seen = h.sent.stream().map(Harness.Sent::subject).collect(Collectors.toSet());
    assertThat(seen).contains(Subjects.SUBMIT, "job.default");
  }
}
