package io.canopy.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetPoolTest {

  private final SubnetPool pool = new SubnetPool();

  @Test
  void holdsTwelveThousandBlocksFrom10_18To10_29() {
    List<String> all = pool.free(List.of()).toList();
    assertThat(pool.size()).isEqualTo(12 * 1024);
    assertThat(all).hasSize(12 * 1024).doesNotHaveDuplicates();
    assertThat(all.getFirst()).isEqualTo("10.18.0.0/26");
    assertThat(all.get(1)).isEqualTo("10.18.0.64/26");
    assertThat(all.getLast()).isEqualTo("10.29.255.192/26");
    assertThat(pool.next(all)).isEmpty();
  }

  @Test
  void nextIsTheLowestFreeBlock() {
    assertThat(pool.next(List.of("10.18.0.0/26", "10.18.0.128/26", "bad")))
        .contains("10.18.0.64/26");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "10.18.0.0/26, true",
    "10.18.0.64/26, true",
    "10.29.255.192/26, true",
    "10.18.0.32/26, false",
    "10.18.0.0/24, false",
    "10.17.255.192/26, false",
    "10.30.0.0/26, false",
    "10.18.0.0, false",
    "10.18.0.0/x, false",
  })
  void containsOnlyAlignedBlocksOfTheRange(String cidr, boolean expected) {
    assertThat(pool.contains(cidr)).isEqualTo(expected);
  }
}
