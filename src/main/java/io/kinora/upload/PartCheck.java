package io.kinora.upload;

import io.kinora.platform.s3.MultipartStorage.StoredPart;
import io.kinora.video.PartedUpload;
import io.kinora.video.VideoLimits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether storage holds exactly the parts an upload was cut into, before it is asked to assemble
 * them; if not, the sentence that tells the uploader what to send. Parts past the last are
 * ignored (they cannot be presigned, and are not assembled).
 */
final class PartCheck {

  private static final int NAMED_AT_MOST = 10;

  private PartCheck() {
  }

  /** Null when every part is there with its size; otherwise what is wrong and what to do. */
  static String problem(String videoId, PartedUpload upload, List<StoredPart> stored) {
    Map<Integer, Long> sizes = new HashMap<>();
    stored.forEach(part -> sizes.put(part.partNumber(), part.size()));
    int count = upload.partCount();
    List<Integer> missing = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      if (!sizes.containsKey(n)) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      return "Storage holds " + (count - missing.size()) + " of the " + count + " parts of this upload; "
          + (missing.size() == 1 ? "part " : "parts ") + named(missing) + (missing.size() == 1 ? " is" : " are")
          + " missing. Upload " + (missing.size() == 1 ? "it" : "them") + " (POST /api/uploads/" + videoId
          + "/parts gives the URLs), then complete again.";
    }
    for (int n = 1; n <= count; n++) {
      long expected = upload.expectedSize(n);
      long actual = sizes.get(n);
      if (actual == expected) {
        continue;
      }
      if (n == count) {
        long total = upload.size() - expected + actual;
        return "The uploaded parts add up to " + VideoLimits.humanBytes(total) + " (" + total + " bytes), but this "
            + "upload was declared as " + VideoLimits.humanBytes(upload.size()) + " (" + upload.size()
            + " bytes). Start a new upload with the file's real size.";
      }
      return "Part " + n + " holds " + actual + " bytes but must hold exactly " + expected + " (the file is cut "
          + "every " + upload.partSize() + " bytes; only the last part is shorter). Upload part " + n
          + " again, then complete again.";
    }
    return null;
  }

  /** "3", "3 and 5", "3, 5 and 7", or the first ten "and 40 more". */
  private static String named(List<Integer> numbers) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(numbers.size(), NAMED_AT_MOST); i++) {
      shown.add(Integer.toString(numbers.get(i)));
    }
    if (numbers.size() > NAMED_AT_MOST) {
      return String.join(", ", shown) + " and " + (numbers.size() - NAMED_AT_MOST) + " more";
    }
    if (shown.size() == 1) {
      return shown.get(0);
    }
    return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
  }
}
