package io.kinora.transcode;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KilledFfmpegTest {

  private static ExecutionException exitedWith(int status) {
    return new ExecutionException(new RuntimeException("Process execution has ended with non-zero status: " + status
        + ". Check logs for detailed error message."));
  }

  @Test
  void aProcessKilledBySignalNineIsRecognised() {
    assertEquals(9, TranscodePipeline.killedBy(exitedWith(137)));
    assertEquals(15, TranscodePipeline.killedBy(exitedWith(143)));
  }

  @Test
  void anFfmpegThatGaveUpOnItsOwnWasNotKilled() {
    assertEquals(0, TranscodePipeline.killedBy(exitedWith(1)));
    assertEquals(0, TranscodePipeline.killedBy(exitedWith(255)));
    assertEquals(0, TranscodePipeline.killedBy(new IllegalStateException("something else")));
  }
}
