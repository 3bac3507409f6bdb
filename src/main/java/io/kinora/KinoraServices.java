package io.kinora;

import io.kinora.events.StatusPublisher;
import io.kinora.playback.UrlSigner;
import io.kinora.store.JobQueue;
import io.kinora.store.ObjectStorage;
import io.kinora.store.RedisStore;
import io.kinora.store.VideoRepository;
import io.kinora.transcode.Limits;

/** The shared, thread-safe services a node's verticles are built from. */
public record KinoraServices(
    KinoraConfig config,
    String nodeId,
    RedisStore redis,
    VideoRepository videos,
    JobQueue queue,
    ObjectStorage storage,
    StatusPublisher publisher,
    UrlSigner signer,
    Limits limits) {
}
