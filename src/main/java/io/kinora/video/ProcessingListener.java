package io.kinora.video;

/** What a {@link VideoProcessor} tells the job while it runs; called from the processor's thread. */
public interface ProcessingListener {

  /** 0..100. */
  void progress(int percent);

  /**
   * Every rendition has its first segments in storage (the first call), or more of them (each
   * later call): the whole state so far, so a caller may skip all but the latest.
   */
  void segmentsStored(PartialOutput partial);
}
