package io.kinora.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks, once per rendition, that a continuing run's own init file describes its samples as the
 * kept init file does: its segments are played behind the kept one (see {@link InitSegment}). A
 * run from the beginning has nothing to check.
 */
final class ContinuedInits {

  private final RunStart start;
  private final Path out;
  private final List<String> unchecked;

  ContinuedInits(RunStart start, Path out, List<String> renditions) {
    this.start = start;
    this.out = out;
    this.unchecked = start.fromBeginning() ? new ArrayList<>() : new ArrayList<>(renditions);
  }

  /** @throws ContinuationRefused when an init file differs, or cannot be read */
  void check() {
    for (Iterator<String> it = unchecked.iterator(); it.hasNext(); ) {
      String rendition = it.next();
      Path dir = out.resolve(rendition);
      String written;
      try {
        written = Files.readString(dir.resolve(HlsOutput.PLAYLIST));
      } catch (IOException notYet) {
        continue; // ffmpeg lists its init file with its first segment
      }
      String init = RunStart.Playlist.parse(written).init();
      if (init == null) {
        continue;
      }
      try {
        if (!InitSegment.sameSampleDescriptions(dir.resolve(start.keptInit(rendition)), dir.resolve(init))) {
          throw new ContinuationRefused("the " + rendition + " encoder describes its samples otherwise than the "
              + "earlier run's (another ffmpeg version?)", null);
        }
      } catch (IOException e) {
        throw new ContinuationRefused("the " + rendition + " init files could not be compared", e);
      }
      it.remove();
    }
  }
}
