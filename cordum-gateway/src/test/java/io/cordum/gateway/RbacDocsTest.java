package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.gateway.auth.RoleTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rbac.md shows the role table the code enforces, row for row. */
class RbacDocsTest {
  @Test
  void theDocsShowTheEnforcedTable() throws Exception {
    String table = RoleTable.standard().markdown();
    if (Boolean.getBoolean("cordum.docs.print")) {
      Files.writeString(Path.of("target", "rbac-table.md"), table);
    }
    String text = Files.readString(Path.of("..", "docs", "rbac.md"));
    assertThat(text).contains(table);
  }
}
