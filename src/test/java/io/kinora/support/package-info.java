/**
 * What the integration tests ({@code *IT}, run by failsafe) are built from.
 *
 * <ul>
 *   <li>{@link io.kinora.support.KinoraTest}: put it on a class and declare {@code static}
 *       {@link io.kinora.support.KinoraClient} / {@link io.kinora.support.TestNode} /
 *       {@link io.kinora.support.RedisServer} fields; {@link io.kinora.support.KinoraNodeExtension}
 *       sets them to a node started once per run for each group and settings. Most classes share
 *       the default node, so a test asserts on what it made, never on the whole library.</li>
 *   <li>{@link io.kinora.support.KinoraClient}: blocking HTTP helpers ({@code upload},
 *       {@code awaitReady}, {@code awaitDone}, {@code createVideo}, {@code firstSegment},
 *       {@code events} for SSE, {@code total}).</li>
 *   <li>{@link io.kinora.support.Await}: the one way to wait for something asynchronous (polls,
 *       fails with what it waited for and what it saw last). A test that asserts nothing happened
 *       also shows that the code it relies on ran meanwhile (a later change handled, a sweep that
 *       removed something else), so it cannot pass just because nothing ran.</li>
 *   <li>{@link io.kinora.support.Clips}: media made with ffmpeg at test time, each distinct clip
 *       once per run; {@code Clips.shortClip()} is the standard "a video that becomes ready".</li>
 *   <li>Own processes for the tests that need them: {@link io.kinora.support.TestNode} directly
 *       (a node whose Redis is stopped, restarted nodes, a node on a special Vert.x or behind
 *       nginx), {@link io.kinora.support.NodeProcess} (a node in its own JVM, for the cluster),
 *       {@link io.kinora.support.EdgeServer} (nginx), {@link io.kinora.support.SseReader}.</li>
 * </ul>
 */
package io.kinora.support;
