package io.kinora.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StoryboardTest {

  @Test
  void shortVideosGetAThumbnailEveryTwoSeconds() {
    Storyboard board = Storyboard.plan(30, 1920, 1080);

    assertEquals(2000, board.intervalMillis());
    assertEquals(15, board.count());
    assertEquals(1, board.sheets());
    assertEquals("1000/2000", board.fps());
  }

  @Test
  void aPartialLastIntervalStillGetsItsThumbnail() {
    assertEquals(16, Storyboard.plan(31, 1920, 1080).count());
    assertEquals(1, Storyboard.plan(0.5, 1920, 1080).count());
    assertEquals(1, Storyboard.plan(0, 1920, 1080).count());
  }

  @Test
  void twoSecondsHoldUpToFourHundredSecondsThenTheIntervalGrows() {
    assertEquals(2000, Storyboard.plan(400, 1920, 1080).intervalMillis());
    assertEquals(200, Storyboard.plan(400, 1920, 1080).count());
    Storyboard hour = Storyboard.plan(3600, 1920, 1080);
    assertEquals(18000, hour.intervalMillis());
    assertEquals(200, hour.count());
    assertEquals(2, hour.sheets());
    // an awkward duration never exceeds the cap
    Storyboard odd = Storyboard.plan(4001.337, 1920, 1080);
    assertEquals(20007, odd.intervalMillis());
    assertEquals(200, odd.count());
  }

  @Test
  void tilesKeepTheVideosShape() {
    Storyboard wide = Storyboard.plan(10, 1920, 1080);
    assertEquals(160, wide.tileWidth());
    assertEquals(90, wide.tileHeight());
    Storyboard tall = Storyboard.plan(10, 1080, 1920);
    assertEquals(90, tall.tileWidth());
    assertEquals(160, tall.tileHeight());
    Storyboard fourThree = Storyboard.plan(10, 640, 480);
    assertEquals(120, fourThree.tileHeight());
  }

  @Test
  void thumbnailsAreReadLeftToRightTopToBottomSheetBySheet() {
    Storyboard board = Storyboard.plan(3600, 1920, 1080);

    assertEquals(1, board.sheetOf(0));
    assertEquals(0, board.xOf(0));
    assertEquals(0, board.yOf(0));
    assertEquals(1440, board.xOf(9));
    assertEquals(0, board.yOf(9));
    assertEquals(0, board.xOf(10));
    assertEquals(90, board.yOf(10));
    assertEquals(1, board.sheetOf(99));
    assertEquals(810, board.yOf(99));
    assertEquals(2, board.sheetOf(100));
    assertEquals(0, board.yOf(100));
    assertEquals("sheet_002.jpg", Storyboard.sheetName(2));
  }

  @Test
  void theLayoutIsStoredWithTheVideo() {
    Storyboard board = Storyboard.plan(95, 1280, 720);

    assertEquals(board, Storyboard.fromStored(board.toJson().encode()));
    assertNull(Storyboard.fromStored(null));
    assertNull(Storyboard.fromStored(""));
  }
}
