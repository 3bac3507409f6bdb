package io.kinora.store;

/** Redis key layout, in one place so scripts and readers agree. */
final class Keys {

  static final String VIDEOS_BY_DATE = "kinora:videos";
  static final String JOB_QUEUE = "kinora:jobs:queue";
  static final String JOBS_RUNNING = "kinora:jobs:running";
  static final String LEASE_PREFIX = "kinora:jobs:lease:";
  static final String SIGNING_SECRET = "kinora:signing-secret";

  private Keys() {
  }

  static String video(String id) {
    return "kinora:video:" + id;
  }

  static String playlists(String id) {
    return "kinora:video:" + id + ":playlists";
  }

  static String lease(String id) {
    return LEASE_PREFIX + id;
  }
}
