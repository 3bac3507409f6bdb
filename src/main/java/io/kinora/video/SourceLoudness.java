package io.kinora.video;

import io.vertx.core.json.JsonObject;

/**
 * The loudness of a video's source audio as EBU R128 measures it, before it was normalised:
 * integrated loudness (LUFS), true peak (dBTP) and loudness range (LU).
 */
public record SourceLoudness(double integratedLufs, double truePeakDbtp, double rangeLu) {

  public JsonObject toJson() {
    return new JsonObject().put("integratedLufs", integratedLufs).put("truePeakDbtp", truePeakDbtp)
        .put("rangeLu", rangeLu);
  }
}
