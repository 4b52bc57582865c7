package io.cordum.faults;

import java.time.Duration;
import java.util.Map;

/**
 * What a run found.
 *
 * @param scenario the run
 * @param submitted job ids the client was given (one per idempotency key)
 * @param succeeded of those, SUCCEEDED
 * @param otherTerminal of those, in another terminal state, by state and reason code
 * @param stuck of those, not terminal when the run gave up waiting
 * @param lost of those, unknown to the job store
 * @param keysWithTwoJobs idempotency keys under which more than one job ran
 * @param executions handler executions recorded by the workers
 * @param duplicates executions beyond the first of a job
 * @param stall the longest time without any job finishing, from the kill on
 * @param settled from the kill until the last job was terminal
 * @param elapsed the whole run, servers and JVMs included
 */
public record Outcome(
    Scenario scenario,
    int submitted,
    int succeeded,
    Map<String, Integer> otherTerminal,
    int stuck,
    int lost,
    int keysWithTwoJobs,
    int executions,
    int duplicates,
    Duration stall,
    Duration settled,
    Duration elapsed) {

  /** Every job terminal, none lost, no key run twice. */
  public boolean ok() {
    return stuck == 0 && lost == 0 && keysWithTwoJobs == 0 && submitted == scenario.jobs();
  }
}
