package io.kinora.upload;

import io.kinora.platform.s3.MultipartStorage.StoredPart;
import io.kinora.video.PartedUpload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartCheckTest {

  private static final long MIB = 1024 * 1024;
  /** 16 MiB parts of a 40 MiB file: 16, 16, 8. */
  private static final PartedUpload UPLOAD = new PartedUpload("u", 16 * MIB, 40 * MIB, 0);

  private static StoredPart part(int n, long size) {
    return new StoredPart(n, size, "\"etag" + n + "\"");
  }

  @Test
  void everyPartWithItsSizeIsComplete() {
    assertNull(PartCheck.problem("v", UPLOAD, List.of(part(1, 16 * MIB), part(2, 16 * MIB), part(3, 8 * MIB))));
  }

  @Test
  void partsPastTheLastAreIgnored() {
    assertNull(PartCheck.problem("v", UPLOAD,
        List.of(part(1, 16 * MIB), part(2, 16 * MIB), part(3, 8 * MIB), part(4, 1))));
  }

  @Test
  void missingPartsAreNamed() {
    String problem = PartCheck.problem("v", UPLOAD, List.of(part(2, 16 * MIB)));
    assertEquals("Storage holds 1 of the 3 parts of this upload; parts 1 and 3 are missing. Upload them "
        + "(POST /api/uploads/v/parts gives the URLs), then complete again.", problem);
  }

  @Test
  void manyMissingPartsAreCountedRatherThanListed() {
    PartedUpload big = new PartedUpload("u", 16 * MIB, 16 * MIB * 40, 0);
    String problem = PartCheck.problem("v", big, new ArrayList<>());
    assertTrue(problem.contains("parts 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 30 more are missing"), problem);
  }

  @Test
  void aShortMiddlePartIsNamedWithTheSizeItMustHave() {
    String problem = PartCheck.problem("v", UPLOAD, List.of(part(1, 16 * MIB), part(2, MIB), part(3, 8 * MIB)));
    assertTrue(problem.startsWith("Part 2 holds 1048576 bytes but must hold exactly 16777216"), problem);
  }

  @Test
  void aLastPartOfAnotherSizeMeansTheFileIsNotTheDeclaredSize() {
    String problem = PartCheck.problem("v", UPLOAD, List.of(part(1, 16 * MIB), part(2, 16 * MIB), part(3, 9 * MIB)));
    assertTrue(problem.contains("add up to 41.0 MB") || problem.contains("add up to"), problem);
    assertTrue(problem.contains("declared as") && problem.contains(Long.toString(40 * MIB)), problem);
  }

  @Test
  void partsGrowPastTheConfiguredSizeOnlyToStayWithinTenThousand() {
    UploadSettings settings = new UploadSettings(60, "", Path.of("."), 16 * MIB, Duration.ofHours(24), 300);
    assertEquals(16 * MIB, settings.partSizeFor(MIB));
    assertEquals(16 * MIB, settings.partSizeFor(20L * 1024 * MIB)); // 20 GiB: 1,280 parts
    long huge = 500L * 1024 * MIB; // 500 GiB would need 32,000 parts of 16 MiB
    long part = settings.partSizeFor(huge);
    assertEquals(0, part % MIB);
    assertTrue(PartedUpload.partCount(huge, part) <= 10_000);
  }
}
