package io.kinora.transcode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads the part of an fMP4 init file that decoding depends on: each track's sample description
 * ({@code moov/trak/mdia/minf/stbl/stsd}, the codec and its parameter sets). A continuing run's
 * segments play behind the kept init file only if this part is the same in its own: the same ffmpeg
 * and settings write the same, a node with another encoder version may not. The rest (an edit list
 * that follows the run's first timestamp, durations) may differ.
 */
final class InitSegment {

  /** The boxes on the way down to {@code stsd}; every other box is skipped. */
  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

  private InitSegment() {
  }

  static boolean sameSampleDescriptions(Path a, Path b) throws IOException {
    return Arrays.equals(sampleDescriptions(a), sampleDescriptions(b));
  }

  static byte[] sampleDescriptions(Path init) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(init));
    ByteArrayOutputStream found = new ByteArrayOutputStream();
    collect(bytes, 0, bytes.limit(), found);
    return found.toByteArray();
  }

  private static void collect(ByteBuffer bytes, int from, int to, ByteArrayOutputStream found) throws IOException {
    int at = from;
    while (at + 8 <= to) {
      long size = Integer.toUnsignedLong(bytes.getInt(at));
      String type = new String(new byte[] {bytes.get(at + 4), bytes.get(at + 5), bytes.get(at + 6), bytes.get(at + 7)},
          StandardCharsets.ISO_8859_1);
      int header = 8;
      if (size == 1 && at + 16 <= to) {
        size = bytes.getLong(at + 8);
        header = 16;
      } else if (size == 0) {
        size = to - at;
      }
      if (size < header || at + size > to) {
        throw new IOException("damaged MP4 box " + type + " at byte " + at);
      }
      int end = (int) (at + size);
      if (CONTAINERS.contains(type)) {
        collect(bytes, at + header, end, found);
      } else if (type.equals("stsd")) {
        found.write(bytes.array(), at, end - at);
      }
      at = end;
    }
  }
}
