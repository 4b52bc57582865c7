package io.cordum.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The BOM lists exactly the published modules, and every published module has code: a module that
 * is not deployed (examples, benchmarks, fault suite, these rules) says so in its pom.
 */
class BomTest {
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  @Test
  void theBomListsEveryPublishedModuleAndNothingElse() throws IOException {
    List<String> published = new ArrayList<>();
    for (String module : all("<module>([^<]+)</module>", read(ROOT.resolve("pom.xml")))) {
      String pom = read(ROOT.resolve(module).resolve("pom.xml"));
      boolean notDeployed =
          pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")
              || Pattern.compile("maven-deploy-plugin</artifactId>\\s*<configuration><skip>true")
                  .matcher(pom)
                  .find();
      if (!module.equals("cordum-bom") && !notDeployed) {
        published.add(module);
        assertThat(hasCode(ROOT.resolve(module)))
            .as("%s is published but has no code", module)
            .isTrue();
      }
    }
    List<String> inBom =
        all("<artifactId>(cordum-[^<]+)</artifactId>", read(ROOT.resolve("cordum-bom/pom.xml")))
            .stream()
            .filter(a -> !a.equals("cordum-bom") && !a.equals("cordum-parent"))
            .toList();
    assertThat(inBom).containsExactlyInAnyOrderElementsOf(published);
  }

  private static boolean hasCode(Path module) throws IOException {
    Path main = module.resolve("src/main/java");
    if (!Files.isDirectory(main)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(main)) {
      return files.anyMatch(
          f ->
              f.toString().endsWith(".java")
                  && !f.getFileName().toString().equals("package-info.java"));
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  private static List<String> all(String regex, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }
}
