package io.cordum.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLayoutTest {
  @Test
  void oneJsonObjectPerLineWithTheMdcAsTopLevelFields() {
    LoggerContext ctx = new LoggerContext();
    LoggingEvent e =
        new LoggingEvent(
            "x",
            ctx.getLogger("io.cordum.Test"),
            Level.WARN,
            "job {} said \"hi\"\nand left",
            new IllegalStateException("boom"),
            new Object[] {"j1"});
    e.setMDCPropertyMap(
        Map.of(
            "job_id",
            "j1",
            "trace_id",
            "t1",
            "run_id",
            "r1",
            "msg",
            "must not replace the message"));
    JsonLayout layout = new JsonLayout();
    layout.setContext(ctx);
    layout.start();
    String line = layout.doLayout(e);
    assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    JsonNode n = JsonMapper.builder().build().readTree(line);
    assertThat(n.get("level").asString()).isEqualTo("WARN");
    assertThat(n.get("logger").asString()).isEqualTo("io.cordum.Test");
    assertThat(n.get("msg").asString()).isEqualTo("job j1 said \"hi\"\nand left");
    assertThat(n.get("job_id").asString()).isEqualTo("j1");
    assertThat(n.get("trace_id").asString()).isEqualTo("t1");
    assertThat(n.get("run_id").asString()).isEqualTo("r1");
    assertThat(n.get("error").asString()).contains("IllegalStateException: boom");
    assertThat(n.get("ts").asString()).endsWith("Z");
  }
}
