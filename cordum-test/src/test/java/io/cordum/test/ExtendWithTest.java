package io.cordum.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.job.JobState;
import io.cordum.worker.JobOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's example: the extension with its defaults, a lambda worker, a job. */
@ExtendWith(CordumExtension.class)
class ExtendWithTest {
  @Test
  void aJobRunsOnALambdaWorker(TestCordum cordum) {
    cordum.worker("job.default", job -> JobOutput.of("hello " + job.inputAsString().orElse("")));
    String id = cordum.submit("job.default", "world").jobId();
    cordum.awaitState(id, JobState.SUCCEEDED);
    assertThat(cordum.jobs().resultAsString(id)).contains("hello world");
  }
}
