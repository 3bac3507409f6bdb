package io.kinora.packaging;

import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.VideoUrls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a variant playlist as ffmpeg wrote it (relative segment names) into one a player can
 * use directly: every segment URI absolute and signed, {@code /media/{id}/{rendition}/{file}}.
 */
public final class PlaylistRewriter {

  private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

  private final UrlSigner signer;

  public PlaylistRewriter(UrlSigner signer) {
    this.signer = signer;
  }

  public String rewrite(String playlist, String videoId, String rendition, long expires) {
    StringBuilder out = new StringBuilder(playlist.length() * 2);
    for (String line : playlist.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#EXT-X-MAP:")) {
        out.append(rewriteUriAttribute(line, videoId, rendition, expires));
      } else if (line.startsWith("#")) {
        out.append(line);
      } else {
        out.append(sign(line.trim(), videoId, rendition, expires));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private String rewriteUriAttribute(String line, String videoId, String rendition, long expires) {
    Matcher m = URI_ATTRIBUTE.matcher(line);
    if (!m.find()) {
      return line;
    }
    return line.substring(0, m.start(1)) + sign(m.group(1), videoId, rendition, expires)
        + line.substring(m.end(1));
  }

  private String sign(String file, String videoId, String rendition, long expires) {
    if (!VideoUrls.MEDIA_FILE.matcher(file).matches()) {
      // ffmpeg only writes plain names; anything else means the stored playlist is not ours
      throw new IllegalStateException("unexpected segment name in playlist: " + file);
    }
    return signer.signedUrl(VideoUrls.media(videoId, rendition, file), expires);
  }
}
