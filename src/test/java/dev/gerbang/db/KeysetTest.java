package dev.gerbang.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

/** The keyset condition's parameters every list statement takes: each key value but the last twice. */
class KeysetTest {
  @Test
  void aCursorsValuesAreRepeatedButTheLast() {
    Keyset records = Keyset.of("medical_records.list", Keyset.desc("visit_date", Cursors.Type.DATE),
        Keyset.desc("id", Cursors.Type.ID));
    assertThat(records.parameters(new JsonArray().add("2026-01-16").add("id-1")))
        .containsExactly("2026-01-16", "2026-01-16", "id-1");
  }

  @Test
  void theFirstPageStartsBeforeEveryRowInTheListsOrder() {
    assertThat(Keyset.newestFirst("a").parameters(null)).containsExactly(Long.MAX_VALUE, Long.MAX_VALUE, "~");
    assertThat(Keyset.oldestFirst("b").parameters(null)).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE, "");
    assertThat(Keyset.of("c", Keyset.asc("slug", Cursors.Type.TEXT), Keyset.asc("id", Cursors.Type.ID)).parameters(null))
        .containsExactly("", "", "");
  }

  @Test
  void aListWhoseFirstPageHasNoKeysetConditionPassesNoValuesThere() {
    Keyset byTitle = Keyset.openFirstPage("articles.-title", Keyset.desc("title_sort", Cursors.Type.TEXT),
        Keyset.desc("id", Cursors.Type.ID));
    assertThat(byTitle.parameters(null)).isEmpty();
    assertThat(byTitle.parameters(new JsonArray().add("alpha").add("id-1"))).containsExactly("alpha", "alpha", "id-1");
  }

  @Test
  void aTextKeySortedDownwardsHasNoStartValueSoItsListMustOpenItsFirstPage() {
    assertThatThrownBy(() -> Keyset.of("d", Keyset.desc("title_sort", Cursors.Type.TEXT), Keyset.desc("id", Cursors.Type.ID)))
        .isInstanceOf(IllegalStateException.class);
  }
}
