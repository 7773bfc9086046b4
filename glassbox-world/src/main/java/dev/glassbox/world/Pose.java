package dev.glassbox.world;

/**
 * How a bird is placed in its image. Continuous values are kept as drawn so the renderer can
 * resolve them against the bird's actual extent.
 *
 * @param facingLeft mirror the bird so it faces left
 * @param flying wings spread in flight (no perch) rather than perched on a branch
 * @param tiltDegrees rotation of the whole bird, in [−15, 15]; positive turns the head down
 * @param scaleJitter factor on the species' nominal size, in [0.92, 1.08]
 * @param x horizontal placement in [0, 1]: 0 puts the bird as far left as it fits, 1 as far right
 * @param y vertical placement in [0, 1], likewise from top to bottom
 */
public record Pose(boolean facingLeft, boolean flying, double tiltDegrees, double scaleJitter, double x, double y) {}
