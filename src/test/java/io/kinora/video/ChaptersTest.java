package io.kinora.video;

import io.kinora.platform.error.KinoraException;
import io.kinora.video.Chapters.Chapter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaptersTest {

  private static List<Chapter> described(String... lines) {
    return Chapters.fromDescription(String.join("\n", lines));
  }

  private static String refusal(JsonArray chapters) {
    return assertThrows(KinoraException.class, () -> Chapters.fromRequest(chapters)).getMessage();
  }

  private static JsonObject chapter(Object start, Object title) {
    return new JsonObject().put("start", start).put("title", title);
  }

  /** n chapters a minute apart, the first at 0:00. */
  private static JsonArray minutes(int n) {
    return new JsonArray(IntStream.range(0, n).mapToObj(i -> chapter(i * 60, "Part " + i)).collect(Collectors.toList()));
  }

  private static String lines(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%d:%02d:%02d Part %d", i / 60, i % 60, 0, i))
        .collect(Collectors.joining("\n"));
  }

  // ---- the description ----

  @Test
  void theCommonConventionGivesChaptersWithTheirTimesInSeconds() {
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(83, "Part two"), new Chapter(3723, "Credits")),
        described("00:00 Intro", "1:23 Part two", "1:02:03 Credits"));
  }

  @Test
  void bracketsBulletsAndSeparatorsAreAllTheSameConvention() {
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(30, "Two"), new Chapter(60, "Three"), new Chapter(120, "Four"),
            new Chapter(180, "Five"), new Chapter(240, "Six"), new Chapter(300, "Seven"), new Chapter(6000, "Long")),
        described("[00:00] Intro", "(0:30) - Two", "- 1:00 \u2013 Three", "  2:00 | Four", "3:00: Five", "[4:00]Six",
            "\u2022 05:00 \u2014 Seven", "100:00 Long"));
  }

  @Test
  void otherTextAroundTheChapterLinesDoesNotCount() {
    String description = "My holiday film.\r\n\r\nChapters:\r\n0:00 Arrival\r\nwe left at 9:30 sharp\r\n"
        + "2:10 The beach\r\n5:00 Home\r\nMore at https://example.com/a:1:2 and 10:00.";
    assertEquals(List.of(new Chapter(0, "Arrival"), new Chapter(130, "The beach"), new Chapter(300, "Home")),
        Chapters.fromDescription(description));
  }

  @Test
  void theFirstChapterMustBeAtZero() {
    assertEquals(List.of(), described("0:01 Intro", "1:00 Two", "2:00 Three"));
  }

  @Test
  void fewerThanThreeAreNotChapters() {
    assertEquals(List.of(), described("0:00 Intro", "1:00 Two"));
    assertEquals(3, described("0:00 Intro", "1:00 Two", "2:00 Three").size());
  }

  @Test
  void timesMustStrictlyIncrease() {
    assertEquals(List.of(), described("0:00 Intro", "2:00 Two", "1:00 Three"), "out of order");
    assertEquals(List.of(), described("0:00 Intro", "1:00 Two", "1:00 Three"), "the same time twice");
  }

  @Test
  void atMostAHundredChapters() {
    assertEquals(Chapters.MAX_CHAPTERS, Chapters.fromDescription(lines(Chapters.MAX_CHAPTERS)).size());
    assertEquals(List.of(), Chapters.fromDescription(lines(Chapters.MAX_CHAPTERS + 1)));
  }

  @Test
  void linesThatOnlyLookLikeChaptersAreOtherText() {
    // 1:234 is no time, 1:75 has 75 seconds, a bare time has no title, a bracket is left open,
    // a time runs into a word, 25 hours is past the limit, and a time inside a sentence is not first
    List<Chapter> chapters = described("0:00 Intro", "1:234 digits", "1:75 too many seconds", "1:80", "2:00",
        "[2:30 open", "2:40abc", "25:00:00 too late", "at 3:00 we eat", "3:00 Three", "4:00 Four");
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(180, "Three"), new Chapter(240, "Four")), chapters);
  }

  @Test
  void twentyFourHoursIsTheLastTimeTaken() {
    assertEquals(new Chapter(Chapters.MAX_START_SECONDS, "End"),
        described("0:00 A", "1:00 B", "24:00:00 End").get(2));
    assertEquals(List.of(new Chapter(0, "A"), new Chapter(60, "B"), new Chapter(120, "C")),
        described("0:00 A", "1:00 B", "24:00:01 Past", "2:00 C"));
  }

  @Test
  void aLongTitleInADescriptionIsCutNeverInsideACharacter() {
    String hundred = "x".repeat(Chapters.MAX_TITLE);
    assertEquals(hundred, described("0:00 " + hundred + "yz", "1:00 B", "2:00 C").get(0).title());
    String emojiAtTheCut = "x".repeat(Chapters.MAX_TITLE - 1) + "\uD83C\uDFAC";
    String cut = described("0:00 " + emojiAtTheCut, "1:00 B", "2:00 C").get(0).title();
    assertEquals("x".repeat(Chapters.MAX_TITLE - 1), cut);
  }

  @Test
  void hostileTitlesLoseTheirControlCharactersAndKeepTheirMarkupAsText() {
    List<Chapter> chapters = described("0:00 \u0000Null\u0007 bell", "1:00 <script>alert(1)</script>",
        "2:00 \u202Eevil\u202C \u2066isolated\u2069", "3:00 tab\tand\u00a0space   runs  ", "4:00 \u001b[31mred");
    assertEquals(List.of("Null bell", "<script>alert(1)</script>", "evil isolated", "tab and space runs", "[31mred"),
        chapters.stream().map(Chapter::title).toList());
  }

  @Test
  void aTitleOfOnlyInvisibleCharactersIsNoTitle() {
    assertEquals(List.of(new Chapter(0, "A"), new Chapter(120, "C"), new Chapter(180, "D")),
        described("0:00 A", "1:00 \u0000\u202E\u0001", "2:00 C", "3:00 D"));
  }

  // ---- a request ----

  @Test
  void aRequestInOrderIsTaken() {
    JsonArray list = new JsonArray().add(chapter(0, " Intro ")).add(chapter(12.5, "Two")).add(chapter(3723, "Three"));
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(12.5, "Two"), new Chapter(3723, "Three")),
        Chapters.fromRequest(list));
    assertEquals(List.of(), Chapters.fromRequest(new JsonArray()), "an empty list clears them");
  }

  @Test
  void eachRuleBrokenInARequestIsRefusedWithASentence() {
    assertTrue(refusal(minutes(Chapters.MAX_CHAPTERS + 1)).startsWith("A video has at most 100 chapters; this list has 101."));
    assertEquals(Chapters.MAX_CHAPTERS, Chapters.fromRequest(minutes(Chapters.MAX_CHAPTERS)).size());
    assertTrue(refusal(minutes(2)).startsWith("Chapters come at least 3 at a time"));
    assertEquals("The first chapter starts at 0:00; this one starts at 0:05.",
        refusal(new JsonArray().add(chapter(5, "a")).add(chapter(6, "b")).add(chapter(7, "c"))));
    assertEquals("Chapter 3 (1:00) must start after chapter 2 (2:00): list chapters in order, each later than the one before.",
        refusal(new JsonArray().add(chapter(0, "a")).add(chapter(120, "b")).add(chapter(60, "c"))));
    assertTrue(refusal(new JsonArray().add(chapter(0, "a")).add(chapter(60, "b")).add(chapter(60, "c")))
        .startsWith("Chapter 3 (1:00) must start after chapter 2 (1:00)"));
    // a fraction of a millisecond apart is the same time
    assertTrue(refusal(new JsonArray().add(chapter(0, "a")).add(chapter(1.0001, "b")).add(chapter(1.0002, "c")))
        .startsWith("Chapter 3 (0:01) must start after"));
  }

  @Test
  void titlesAreBoundedAndMustSaySomething() {
    String hundred = "t".repeat(Chapters.MAX_TITLE);
    assertEquals(hundred, Chapters.fromRequest(new JsonArray().add(chapter(0, hundred)).add(chapter(1, "b")).add(chapter(2, "c")))
        .get(0).title());
    assertEquals("Chapter 2's title is longer than 100 characters.",
        refusal(new JsonArray().add(chapter(0, "a")).add(chapter(1, hundred + "t")).add(chapter(2, "c"))));
    assertEquals("Chapter 3's title is empty.",
        refusal(new JsonArray().add(chapter(0, "a")).add(chapter(1, "b")).add(chapter(2, " \u0000\t\u202E"))));
    assertEquals("Chapter 1 needs a 'title', a string.",
        refusal(new JsonArray().add(chapter(0, 5)).add(chapter(1, "b")).add(chapter(2, "c"))));
    assertEquals("<b>bold</b> & co", Chapters.fromRequest(new JsonArray().add(chapter(0, "<b>bold</b>\n& co"))
        .add(chapter(1, "b")).add(chapter(2, "c"))).get(0).title());
  }

  @Test
  void startsAreNumbersOfSecondsWithinTheDay() {
    for (Object bad : new Object[] {-1, "0", Chapters.MAX_START_SECONDS + 1, null, true}) {
      assertEquals("Chapter 3's 'start' must be a number of seconds from 0 to 86400.",
          refusal(new JsonArray().add(chapter(0, "a")).add(chapter(1, "b")).add(chapter(bad, "c"))), String.valueOf(bad));
    }
    assertEquals(Chapters.MAX_START_SECONDS, Chapters.fromRequest(new JsonArray().add(chapter(0, "a")).add(chapter(1, "b"))
        .add(chapter(Chapters.MAX_START_SECONDS, "c"))).get(2).startSeconds());
  }

  @Test
  void theShapeOfARequestIsChecked() {
    assertTrue(refusal(null).startsWith("'chapters' is required"));
    assertThrows(KinoraException.class, () -> Chapters.fromRequest("0:00 Intro"));
    assertEquals("Chapter 2 must be an object, {\"start\": seconds, \"title\": \"…\"}.",
        refusal(new JsonArray().add(chapter(0, "a")).add("1:00 b").add(chapter(2, "c"))));
    assertEquals("Chapter 1 has an unknown field 'url'; allowed: start, title.",
        refusal(new JsonArray().add(chapter(0, "a").put("url", "x")).add(chapter(1, "b")).add(chapter(2, "c"))));
  }

  // ---- which chapters are in effect, and their forms ----

  @Test
  void theApisChaptersWinOverTheDescriptions() {
    String description = "0:00 A\n1:00 B\n2:00 C";
    List<Chapter> fromApi = List.of(new Chapter(0, "X"), new Chapter(5, "Y"), new Chapter(9, "Z"));
    assertEquals(new Chapters.InEffect(Chapters.Source.API, fromApi), Chapters.inEffect(fromApi, description));
    assertEquals(Chapters.Source.DESCRIPTION, Chapters.inEffect(List.of(), description).source());
    assertEquals(Chapters.InEffect.NONE, Chapters.inEffect(List.of(), "no chapters here"));
    assertEquals(new JsonObject().put("source", "none").put("items", new JsonArray()), Chapters.InEffect.NONE.toJson());
  }

  @Test
  void aWholeStartIsAWholeNumberInJson() {
    assertEquals("{\"start\":83,\"title\":\"a\"}", new Chapter(83, "a").toJson().encode());
    assertEquals("{\"start\":1.25,\"title\":\"a\"}", new Chapter(1.25, "a").toJson().encode());
  }

  @Test
  void theStoredFormReadsBackAndAnythingElseReadsAsNone() {
    List<Chapter> chapters = List.of(new Chapter(0, "A \"quoted\""), new Chapter(1.5, "B"), new Chapter(60, "C"));
    assertEquals(chapters, Chapters.fromStored(Chapters.toStored(chapters)));
    assertEquals(List.of(), Chapters.fromStored(null));
    assertEquals(List.of(), Chapters.fromStored(""));
    assertEquals(List.of(), Chapters.fromStored("[{\"start\":"));
    assertEquals(List.of(), Chapters.fromStored("{}"));
  }

  @Test
  void theWebVttTrackRunsEachChapterToTheNextAndTheLastToTheEnd() {
    List<Chapter> chapters = List.of(new Chapter(0, "Intro"), new Chapter(83.5, "<b>Two</b> & --> three"),
        new Chapter(3723, "Credits"));
    assertEquals("WEBVTT\n\n1\n00:00:00.000 --> 00:01:23.500\nIntro\n\n"
            + "2\n00:01:23.500 --> 01:02:03.000\n&lt;b&gt;Two&lt;/b&gt; &amp; --&gt; three\n\n"
            + "3\n01:02:03.000 --> 01:05:00.250\nCredits\n",
        Chapters.toWebVtt(chapters, 3900.25));
  }

  @Test
  void chaptersPastTheEndOfTheVideoAreLeftOutOfTheTrack() {
    List<Chapter> chapters = List.of(new Chapter(0, "A"), new Chapter(4, "B"), new Chapter(8, "C"), new Chapter(9, "D"));
    assertEquals("WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\nA\n\n2\n00:00:04.000 --> 00:00:08.000\nB\n",
        Chapters.toWebVtt(chapters, 8));
    assertTrue(Chapters.toWebVtt(chapters, 0).endsWith("4\n00:00:09.000 --> 24:00:00.000\nD\n"),
        "before its length is known, the last runs to the limit");
  }
}
