package io.kinora.social.channels;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The format ffmpeg is forced to use comes from the first bytes, never from a name or a probe. */
class AvatarImagesTest {

  @Test
  void eachImageFormatIsKnownByItsMagicNumber() {
    assertEquals("jpeg_pipe", AvatarImages.demuxer(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
    assertEquals("png_pipe", AvatarImages.demuxer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}));
    assertEquals("gif", AvatarImages.demuxer("GIF89a....".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("webp_pipe", AvatarImages.demuxer("RIFF\u0001\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("bmp_pipe", AvatarImages.demuxer(("BM" + "x".repeat(30)).getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void anythingElseIsNoImage() {
    assertNull(AvatarImages.demuxer("#EXTM3U\nhttp://example.com/x".getBytes(StandardCharsets.US_ASCII)));
    assertNull(AvatarImages.demuxer("ffconcat version 1.0".getBytes(StandardCharsets.US_ASCII)));
    assertNull(AvatarImages.demuxer(new byte[0]));
    assertNull(AvatarImages.demuxer("RIFF....AVI ".getBytes(StandardCharsets.US_ASCII)));
  }
}
