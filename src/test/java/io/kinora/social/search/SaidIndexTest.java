package io.kinora.social.search;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SaidIndexTest {

  private static final String VTT = "WEBVTT\n\n00:00:05.000 --> 00:00:07.000\nthe <b>cat</b> sat\n\n"
      + "00:00:42.300 --> 00:00:44.000 align:start\nthe cat sat on the mat\n\n"
      + "01:00:00.000 --> 01:00:01.000\nmat\n";

  @Test
  void eachWordKeepsTheSecondsItsCuesStartAt() {
    Map<String, List<Integer>> said = SaidIndex.of(List.of(VTT));
    assertEquals(List.of(5, 42), said.get("cat"));
    assertEquals(List.of(42, 3600), said.get("mat"));
    assertEquals(List.of("the", "5,42", "cat", "5,42", "sat", "5,42", "on", "42", "mat", "42,3600"), SaidIndex.fields(said));
  }

  @Test
  void theMomentIsTheSecondSayingMostOfTheWordsTheEarliestOnATie() {
    assertEquals(42, SaidIndex.moment(Arrays.asList("5,42", "42,3600", null)));
    assertEquals(5, SaidIndex.moment(Arrays.asList("5,42", "5,42")));
    assertEquals(-1, SaidIndex.moment(Arrays.asList(null, null)));
  }

  @Test
  void aVideoKeepsAtMostSoManyWordsAndTimes() {
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    for (int i = 0; i < 2000; i++) {
      vtt.append("\n00:00:").append(String.format("%02d", i % 60)).append(".000 --> 00:01:00.000\nw").append(i)
          .append(" again\n");
    }
    Map<String, List<Integer>> said = SaidIndex.of(List.of(vtt.toString()));
    assertEquals(SaidIndex.MAX_WORDS, said.size());
    assertEquals(SaidIndex.MAX_TIMES, said.get("again").size());
  }
}
