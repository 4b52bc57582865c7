package io.cordum.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cordum.client.ClientJson;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes results to stdout: a table for people (default), JSON or YAML for scripts (the gateway's
 * field names; nulls left out), or only ids with {@code -q}.
 */
final class Output {
  enum Format {
    TABLE,
    JSON,
    YAML
  }

  final PrintStream out;
  final Format format;
  final boolean quiet;

  Output(PrintStream out, Format format, boolean quiet) {
    this.out = out;
    this.format = format;
    this.quiet = quiet;
  }

  /** Whether results go out as JSON or YAML. */
  boolean structured() {
    return format != Format.TABLE;
  }

  /**
   * Prints a result: structured as it is, ids alone with {@code -q}, else the table or text the
   * command draws.
   */
  void emit(Object value, List<String> ids, Consumer<PrintStream> human) {
    if (structured()) {
      write(value);
    } else if (quiet) {
      ids.forEach(out::println);
    } else {
      human.accept(out);
    }
  }

  /** Prints a value as JSON or YAML (JSON when the format is a table). */
  void write(Object value) {
    String s = writer(format == Format.YAML).writeValueAsString(value);
    out.print(s.endsWith("\n") ? s : s + "\n");
  }

  /** Pretty JSON of any value (for result documents in tables). */
  static String json(@Nullable Object value) {
    return writer(false).writeValueAsString(value);
  }

  private static ObjectWriter writer(boolean yaml) {
    if (yaml) {
      return ClientJson.configure(YAMLMapper.builder())
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build()
          .writer();
    }
    Separators sep =
        Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER);
    return ClientJson.configure(JsonMapper.builder())
        .enable(SerializationFeature.INDENT_OUTPUT)
        .defaultPrettyPrinter(new DefaultPrettyPrinter(sep))
        .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
        .build()
        .writer();
  }
}
