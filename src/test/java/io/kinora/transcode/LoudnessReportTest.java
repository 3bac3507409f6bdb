package io.kinora.transcode;

import io.kinora.video.SourceLoudness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoudnessReportTest {

  /** loudnorm's summary as Jaffree hands it over: one message of many lines. */
  private static String summary(String integrated) {
    return "[Parsed_loudnorm_0 @ 0x557f97472780] [info] \n{\n\t\"input_i\" : \"" + integrated + "\",\n"
        + "\t\"input_tp\" : \"-33.99\",\n\t\"input_lra\" : \"0.10\",\n\t\"input_thresh\" : \"-58.32\",\n"
        + "\t\"output_i\" : \"-16.02\",\n\t\"normalization_type\" : \"dynamic\"\n}";
  }

  @Test
  void theSourcesMeasurementIsReadFromTheSummary() {
    LoudnessReport report = new LoudnessReport();
    report.line("frame=  100 fps= 50");
    report.line(summary("-48.32"));

    assertEquals(new SourceLoudness(-48.32, -33.99, 0.10), report.measured());
  }

  @Test
  void silenceOrNoSummaryMeasuresNothing() {
    LoudnessReport silent = new LoudnessReport();
    silent.line(summary("-inf"));

    assertNull(silent.measured());
    assertNull(new LoudnessReport().measured());
  }
}
