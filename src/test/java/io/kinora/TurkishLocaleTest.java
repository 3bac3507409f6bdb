package io.kinora;

import io.kinora.platform.http.Bodies;
import io.kinora.platform.s3.MediaTypes;
import io.kinora.video.StatusEvent;
import io.kinora.video.VideoLimits;
import io.kinora.video.VideoStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wire formats must not depend on the server's default locale. Turkish is the classic trap:
 * there "PROCESSING".toLowerCase() is "processıng" (dotless i) and "processing".toUpperCase()
 * is "PROCESSİNG", so an enum lookup fails.
 */
class TurkishLocaleTest {

  private Locale original;

  @BeforeEach
  void useTurkish() {
    original = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
  }

  @AfterEach
  void restore() {
    Locale.setDefault(original);
  }

  @ParameterizedTest
  @EnumSource(VideoStatus.class)
  void statusesKeepTheirWireNames(VideoStatus status) {
    assertEquals(status.name().toLowerCase(Locale.ROOT), status.wire());
    assertEquals(status, VideoStatus.fromWire(status.wire()));
  }

  @Test
  void processingSurvivesAnEventBusRoundTrip() {
    StatusEvent event = new StatusEvent("AAAAAAAAAAAAAAAAAAAAAA", VideoStatus.PROCESSING, 42, null, 7, true);

    assertEquals("processing", event.data().getString("status"));
    assertEquals(event, StatusEvent.fromJson(event.toJson()));
  }

  @Test
  void multipartIsRecognisedInCapitals() {
    assertTrue(Bodies.isMultipartForm("MULTIPART/FORM-DATA; boundary=x"));
  }

  @Test
  void mediaTypesIgnoreLetterCase() {
    assertEquals("video/mp2t", MediaTypes.of("SEG_00001.TS"));
    assertEquals(MediaTypes.HLS_PLAYLIST, MediaTypes.of("INDEX.M3U8"));
    assertEquals("video/mp4", MediaTypes.of("INIT.MP4"));
  }

  @Test
  void sizesUseAPointWhateverTheLocale() {
    assertEquals("1.5 MiB", VideoLimits.humanBytes(1536 * 1024));
  }
}
