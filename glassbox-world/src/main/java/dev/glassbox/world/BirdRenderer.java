package dev.glassbox.world;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one {@link ImageSpec} with Java2D: background, perch, the bird's parts back to front, and
 * an optional foreground occluder; and, in a second pass over the very same shapes without
 * antialiasing, the part-label map (each pixel takes the label of the last shape covering its
 * centre). Only vector shapes, gradients and seeded per-pixel noise are used: no fonts, no images,
 * nothing platform-dependent, so the pixels are a pure function of the spec.
 *
 * <p>Random detail comes from {@link ImageSpec#detailSeed()} split, in a fixed order, into child
 * streams for the background, the bird's textures, the occluder and the background noise.
 */
final class BirdRenderer {
  private static final Color INK_DARK = new Color(48, 36, 28);
  private static final Color INK_LIGHT = new Color(242, 240, 232);
  private static final Color OUTLINE = new Color(18, 16, 14, 150);

  private final int size;
  private final BirdGeometry.Skeleton perched = new BirdGeometry.Skeleton(false);
  private final BirdGeometry.Skeleton flying = new BirdGeometry.Skeleton(true);

  /** A renderer of {@code size × size} images; immutable and safe to share between threads. */
  BirdRenderer(int size) {
    this.size = size;
  }

  /** What a rendering yields; arrays are owned by the caller. */
  record Result(BufferedImage image, byte[] labels, int[] partPixels, int[] visiblePixels, double bodyLengthPixels) {}

  /** One drawn region: its shape in the bird's frame, its label and how it is painted. */
  private record Layer(Shape shape, int label, Painter painter) {}

  @FunctionalInterface
  private interface Painter {
    void paint(Graphics2D g);
  }

  Result render(ImageSpec spec) {
    SplittableRandom root = new SplittableRandom(spec.detailSeed());
    SplittableRandom bgRnd = root.split();
    SplittableRandom birdRnd = root.split();
    SplittableRandom occRnd = root.split();
    SplittableRandom noiseRnd = root.split();

    Traits t = spec.traits();
    Pose pose = spec.pose();
    BirdGeometry geo = new BirdGeometry(t, pose.flying() ? flying : perched);
    List<Shape> outer = geo.outerShapes();

    // Size: the species' nominal size times the pose's jitter, shrunk only if the bird would not
    // fit (which never makes a large bird as small as a small one; see sizeFraction).
    double bodyPx = sizeFraction(t.value(Attribute.SIZE)) * size * pose.scaleJitter();
    double margin = 0.03 * size;
    AffineTransform shape = shapeTransform(bodyPx, pose);
    Rectangle2D b = bounds(shape, outer);
    double fit = Math.min((size - 2 * margin) / b.getWidth(), (size - 2 * margin) / b.getHeight());
    if (fit < 1) {
      bodyPx *= fit;
      shape = shapeTransform(bodyPx, pose);
      b = bounds(shape, outer);
    }
    double tx = lerp(margin - b.getMinX(), size - margin - b.getMaxX(), pose.x());
    double ty = lerp(margin - b.getMinY(), size - margin - b.getMaxY(), pose.y());
    AffineTransform birdToImage = AffineTransform.getTranslateInstance(tx, ty);
    birdToImage.concatenate(shape);

    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    BufferedImage lab = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Graphics2D gl = lab.createGraphics();
    try {
      quality(g, true);
      quality(gl, false);
      gl.setColor(Color.BLACK);
      gl.fillRect(0, 0, size, size);

      drawBackground(g, spec.background(), bgRnd);
      addNoise(img, noiseRnd, 3);
      if (!pose.flying()) {
        drawPerch(g, birdToImage.transform(geo.feet, null), bodyPx, pose, bgRnd);
      }

      List<Layer> layers = layers(geo, t, birdRnd, pose.flying());
      AffineTransform base = g.getTransform();
      g.transform(birdToImage);
      gl.transform(birdToImage);
      // Light from above: the same soft gradient over every part, so the bird looks rounded.
      GradientPaint shade = new GradientPaint(0f, pose.flying() ? -0.9f : -0.75f, new Color(255, 255, 255, 32), 0f, 0.35f, new Color(0, 0, 0, 48));
      for (Layer layer : layers) {
        layer.painter().paint(g);
        g.setPaint(shade);
        g.fill(layer.shape());
        gl.setColor(new Color(layer.label(), 0, 0));
        gl.fill(layer.shape());
      }
      g.setColor(OUTLINE);
      g.setStroke(new BasicStroke(0.02f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(geo.eye);
      g.setTransform(base);
      gl.setTransform(new AffineTransform());

      int[] labelsBefore = labelCounts(lab);
      if (spec.occluder() != Occluder.NONE) {
        for (Layer layer : occluderLayers(spec.occluder(), bounds(birdToImage, outer), bodyPx, occRnd)) {
          layer.painter().paint(g);
          gl.setColor(new Color(layer.label(), 0, 0));
          gl.fill(layer.shape());
        }
      }
      int[] labelsAfter = labelCounts(lab);
      byte[] labels = labelBytes(lab);
      int np = Part.values().length;
      int[] partPixels = new int[np];
      int[] visible = new int[np];
      for (int p = 0; p < np; p++) {
        partPixels[p] = labelsBefore[p + 1];
        visible[p] = labelsAfter[p + 1];
      }
      return new Result(img, labels, partPixels, visible, bodyPx);
    } finally {
      g.dispose();
      gl.dispose();
    }
  }

  /**
   * Body length as a share of the image side. Large birds are 1.5× small ones; with the ±8% pose
   * jitter and the fit-to-frame shrink (at most ~15% for the largest configurations) the two
   * classes never overlap in drawn size.
   */
  static double sizeFraction(String size) {
    return switch (size) {
      case "small" -> 0.31;
      case "large" -> 0.47;
      default -> 0.38;
    };
  }

  private static AffineTransform shapeTransform(double bodyPx, Pose pose) {
    AffineTransform a = AffineTransform.getRotateInstance(Math.toRadians(pose.facingLeft() ? -pose.tiltDegrees() : pose.tiltDegrees()));
    a.scale(pose.facingLeft() ? -bodyPx : bodyPx, bodyPx);
    return a;
  }

  private static Rectangle2D bounds(AffineTransform tf, List<Shape> shapes) {
    Rectangle2D b = null;
    for (Shape s : shapes) {
      Rectangle2D r = tf.createTransformedShape(s).getBounds2D();
      if (b == null) {
        b = r;
      } else {
        b.add(r);
      }
    }
    return b;
  }

  private static double lerp(double a, double b, double f) {
    return b < a ? (a + b) / 2 : a + (b - a) * f;
  }

  private static void quality(Graphics2D g, boolean antialias) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
  }

  // ---------------------------------------------------------------------------------------------
  // Background

  private void drawBackground(Graphics2D g, Background bg, SplittableRandom r) {
    double s = size;
    switch (bg) {
      case SKY -> {
        int j = r.nextInt(30);
        g.setPaint(new GradientPaint(0, 0, new Color(62 + j, 126 + j, 204), 0, size, new Color(172 + j / 2, 208, 240)));
        g.fillRect(0, 0, size, size);
        int clouds = r.nextInt(4);
        for (int c = 0; c < clouds; c++) {
          double cx = r.nextDouble() * s;
          double cy = r.nextDouble() * s * 0.8;
          int puffs = 4 + r.nextInt(4);
          g.setColor(new Color(255, 255, 255, 150 + r.nextInt(80)));
          for (int k = 0; k < puffs; k++) {
            double w = s * (0.1 + 0.12 * r.nextDouble());
            g.fill(new Ellipse2D.Double(cx + (r.nextDouble() - 0.5) * s * 0.25 - w / 2, cy + (r.nextDouble() - 0.5) * s * 0.06 - w / 4, w, w / 2));
          }
        }
      }
      case FOLIAGE -> {
        g.setPaint(new GradientPaint(0, 0, new Color(36, 78, 42), 0, size, new Color(78, 122, 62)));
        g.fillRect(0, 0, size, size);
        int leaves = 45 + r.nextInt(25);
        for (int k = 0; k < leaves; k++) {
          double w = s * (0.07 + 0.1 * r.nextDouble());
          double cx = r.nextDouble() * s;
          double cy = r.nextDouble() * s;
          Color c = new Color(40 + r.nextInt(70), 95 + r.nextInt(80), 30 + r.nextInt(45), 150 + r.nextInt(100));
          g.setColor(c);
          AffineTransform at = AffineTransform.getTranslateInstance(cx, cy);
          at.rotate(r.nextDouble() * Math.PI);
          g.fill(at.createTransformedShape(leaf(w)));
        }
      }
      case WATER -> {
        double horizon = s * (0.3 + 0.2 * r.nextDouble());
        g.setPaint(new GradientPaint(0, 0, new Color(150, 190, 225), 0, (float) horizon, new Color(205, 222, 235)));
        g.fill(new Rectangle2D.Double(0, 0, s, horizon));
        g.setPaint(new GradientPaint(0, (float) horizon, new Color(70, 130, 160), 0, size, new Color(28, 74, 104)));
        g.fill(new Rectangle2D.Double(0, horizon, s, s - horizon));
        g.setStroke(new BasicStroke((float) Math.max(1, s / 110.0)));
        int ripples = 25 + r.nextInt(20);
        for (int k = 0; k < ripples; k++) {
          double y = horizon + r.nextDouble() * (s - horizon);
          double x = r.nextDouble() * s;
          double len = s * (0.05 + 0.2 * r.nextDouble()) * (0.4 + (y - horizon) / s);
          g.setColor(new Color(190, 220, 235, 70 + r.nextInt(90)));
          g.draw(new Line2D.Double(x - len / 2, y, x + len / 2, y));
        }
      }
      case SAND -> {
        double horizon = s * (0.25 + 0.25 * r.nextDouble());
        g.setPaint(new GradientPaint(0, 0, new Color(184, 206, 224), 0, (float) horizon, new Color(226, 226, 214)));
        g.fill(new Rectangle2D.Double(0, 0, s, horizon));
        g.setPaint(new GradientPaint(0, (float) horizon, new Color(214, 190, 142), 0, size, new Color(176, 146, 98)));
        g.fill(new Rectangle2D.Double(0, horizon, s, s - horizon));
        int pebbles = 20 + r.nextInt(25);
        for (int k = 0; k < pebbles; k++) {
          double y = horizon + r.nextDouble() * (s - horizon);
          double w = s * 0.012 * (1 + 2.5 * (y - horizon) / s) * (0.6 + r.nextDouble());
          int v = 110 + r.nextInt(80);
          g.setColor(new Color(v, v - 12, v - 30));
          g.fill(new Ellipse2D.Double(r.nextDouble() * s, y, w, w * 0.6));
        }
      }
      case REEDS -> {
        g.setPaint(new GradientPaint(0, 0, new Color(196, 204, 168), 0, size, new Color(144, 160, 104)));
        g.fillRect(0, 0, size, size);
        int stems = 22 + r.nextInt(16);
        for (int k = 0; k < stems; k++) {
          double x = r.nextDouble() * s;
          double top = s * (0.05 + 0.5 * r.nextDouble());
          double lean = (r.nextDouble() - 0.5) * s * 0.12;
          g.setStroke(new BasicStroke((float) (s / 128.0 * (1.2 + 1.8 * r.nextDouble())), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          g.setColor(new Color(110 + r.nextInt(70), 112 + r.nextInt(50), 52 + r.nextInt(40)));
          Path2D p = new Path2D.Double();
          p.moveTo(x, s + 2);
          p.quadTo(x + lean * 0.3, (s + top) / 2, x + lean, top);
          g.draw(p);
          if (r.nextInt(3) == 0) {
            double w = s * 0.025;
            g.setColor(new Color(104 + r.nextInt(30), 72 + r.nextInt(20), 44));
            g.fill(new Ellipse2D.Double(x + lean - w / 2, top - w * 2.2, w, w * 3));
          }
        }
      }
      default -> throw new IllegalStateException("unknown background " + bg);
    }
  }

  private static Shape leaf(double len) {
    Path2D p = new Path2D.Double();
    p.moveTo(-len / 2, 0);
    p.quadTo(0, -len * 0.32, len / 2, 0);
    p.quadTo(0, len * 0.32, -len / 2, 0);
    p.closePath();
    return p;
  }

  /** Adds uniform grey noise in [−amp, amp] to every pixel: a film-grain texture. */
  private void addNoise(BufferedImage img, SplittableRandom r, int amp) {
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    int span = 2 * amp + 1;
    for (int i = 0; i < px.length; i++) {
      int n = r.nextInt(span) - amp;
      int v = px[i];
      int red = clamp(((v >> 16) & 0xFF) + n);
      int gr = clamp(((v >> 8) & 0xFF) + n);
      int bl = clamp((v & 0xFF) + n);
      px[i] = (red << 16) | (gr << 8) | bl;
    }
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }

  private void drawPerch(Graphics2D g, Point2D feet, double bodyPx, Pose pose, SplittableRandom r) {
    double angle = Math.toRadians((r.nextDouble() - 0.5) * 24);
    double w = Math.max(3, 0.14 * bodyPx);
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    // The branch's top surface passes through the toes.
    double cx = feet.getX() - dy * w * 0.45;
    double cy = feet.getY() + dx * w * 0.45;
    double ext = size * 1.5;
    Line2D axis = new Line2D.Double(cx - dx * ext, cy - dy * ext, cx + dx * ext, cy + dy * ext);
    Color bark = new Color(92 + r.nextInt(20), 64 + r.nextInt(14), 40);
    g.setStroke(new BasicStroke((float) w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.setColor(bark);
    g.draw(axis);
    g.setStroke(new BasicStroke((float) (w * 0.3), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(150, 118, 84, 150));
    g.draw(new Line2D.Double(axis.getX1() + dy * w * 0.25, axis.getY1() - dx * w * 0.25, axis.getX2() + dy * w * 0.25, axis.getY2() - dx * w * 0.25));
    g.setColor(new Color(50, 34, 22, 140));
    g.draw(new Line2D.Double(axis.getX1() - dy * w * 0.3, axis.getY1() + dx * w * 0.3, axis.getX2() - dy * w * 0.3, axis.getY2() + dx * w * 0.3));
  }

  // ---------------------------------------------------------------------------------------------
  // Bird

  private static Color jitter(Color c, double f) {
    return new Color(clamp((int) Math.round(c.getRed() * f)), clamp((int) Math.round(c.getGreen() * f)), clamp((int) Math.round(c.getBlue() * f)));
  }

  private static Color ink(BirdColor base) {
    return base.luminance() > 0.45 ? INK_DARK : INK_LIGHT;
  }

  private List<Layer> layers(BirdGeometry geo, Traits t, SplittableRandom r, boolean flying) {
    double light = 0.94 + 0.1 * r.nextDouble();
    Palette pal = new Palette(t, light, r);
    List<Layer> out = new ArrayList<>();

    SplittableRandom farWingRnd = r.split();
    if (geo.farWing != null) {
      Color far = jitter(pal.wing, 0.72);
      out.add(new Layer(geo.farWing, Part.WING.label(), g -> {
        g.setColor(far);
        g.fill(geo.farWing);
        wingPattern(g, geo.farWing, geo.farWingFrame, t, true, farWingRnd);
        outline(g, geo.farWing);
      }));
    }
    out.add(new Layer(geo.tail, Part.TAIL.label(), g -> {
      g.setColor(pal.tail);
      g.fill(geo.tail);
      tailDetail(g, geo, t, pal);
      outline(g, geo.tail);
    }));
    out.add(new Layer(geo.legs, Part.LEG.label(), g -> {
      g.setColor(pal.legs);
      g.fill(geo.legs);
    }));
    SplittableRandom backRnd = r.split();
    out.add(new Layer(geo.back, Part.BACK.label(), g -> {
      g.setColor(pal.back);
      g.fill(geo.back);
      bodyPattern(g, geo.back, geo.bodyFrame, t.value(Attribute.BACK_PATTERN), ink(t.color(Attribute.BACK_COLOR)), backRnd);
    }));
    SplittableRandom bellyRnd = r.split();
    out.add(new Layer(geo.belly, Part.BELLY.label(), g -> {
      g.setColor(pal.belly);
      g.fill(geo.belly);
      bodyPattern(g, geo.belly, geo.bodyFrame, t.value(Attribute.BELLY_PATTERN), ink(t.color(Attribute.BELLY_COLOR)), bellyRnd);
    }));
    SplittableRandom breastRnd = r.split();
    out.add(new Layer(geo.breastBody, Part.BREAST.label(), g -> {
      g.setColor(pal.breast);
      g.fill(geo.breastBody);
      bodyPattern(g, geo.breastBody, geo.bodyFrame, t.value(Attribute.BREAST_PATTERN), ink(t.color(Attribute.BREAST_COLOR)), breastRnd);
      outline(g, geo.body);
    }));
    SplittableRandom wingRnd = r.split();
    out.add(new Layer(geo.wing, Part.WING.label(), g -> {
      g.setColor(pal.wing);
      g.fill(geo.wing);
      wingPattern(g, geo.wing, geo.wingFrame, t, flying, wingRnd);
      outline(g, geo.wing);
    }));
    out.add(new Layer(geo.nape, Part.NAPE.label(), g -> {
      g.setColor(pal.nape);
      g.fill(geo.nape);
    }));
    SplittableRandom throatRnd = r.split();
    out.add(new Layer(geo.throat, Part.BREAST.label(), g -> {
      g.setColor(pal.breast);
      g.fill(geo.throat);
      if (t.is(Attribute.BREAST_PATTERN, "striped")) {
        bodyPattern(g, geo.throat, geo.bodyFrame, "striped", ink(t.color(Attribute.BREAST_COLOR)), throatRnd);
      }
    }));
    SplittableRandom crownRnd = r.split();
    out.add(new Layer(geo.crown, Part.CROWN.label(), g -> {
      g.setColor(pal.crown);
      g.fill(geo.crown);
      if (t.is(Attribute.CROWN_PATTERN, "striped")) {
        crownStripes(g, geo, ink(t.color(Attribute.CROWN_COLOR)));
      }
      outline(g, geo.headGroup);
    }));
    if (geo.crest != null) {
      out.add(new Layer(geo.crest, Part.CROWN.label(), g -> {
        g.setColor(pal.crown);
        g.fill(geo.crest);
        outline(g, geo.crest);
      }));
    }
    out.add(new Layer(geo.bill, Part.BILL.label(), g -> {
      g.setColor(pal.bill);
      g.fill(geo.bill);
      g.setColor(new Color(0, 0, 0, 90));
      g.setStroke(new BasicStroke(0.014f));
      g.draw(geo.billFrame.createTransformedShape(new Line2D.Double(0, 0.003, 0.16 * geo.billLength, 0.008)));
      outline(g, geo.bill);
    }));
    if (geo.eyeMask != null) {
      out.add(new Layer(geo.eyeMask, Part.EYE.label(), g -> {
        g.setColor(new Color(24, 24, 27));
        g.fill(geo.eyeMask);
      }));
    }
    if (geo.eyeRing != null) {
      Color ring = t.is(Attribute.EYE_RING, "white") ? new Color(250, 250, 248) : new Color(252, 212, 36);
      out.add(new Layer(geo.eyeRing, Part.EYE.label(), g -> {
        g.setColor(ring);
        g.fill(geo.eyeRing);
      }));
    }
    out.add(new Layer(geo.eye, Part.EYE.label(), g -> {
      g.setColor(new Color(12, 10, 10));
      g.fill(geo.eye);
      Point2D c = geo.eyeCenter;
      g.setColor(new Color(255, 255, 255, 210));
      g.fill(new Ellipse2D.Double(c.getX() + 0.005, c.getY() - 0.03, 0.022, 0.022));
    }));
    return out;
  }

  /** The per-image colours of every part: the palette colour times one brightness factor. */
  private static final class Palette {
    final Color crown;
    final Color nape;
    final Color back;
    final Color wing;
    final Color breast;
    final Color belly;
    final Color tail;
    final Color bill;
    final Color legs;

    Palette(Traits t, double light, SplittableRandom r) {
      crown = part(t, Attribute.CROWN_COLOR, light, r);
      nape = part(t, Attribute.NAPE_COLOR, light, r);
      back = part(t, Attribute.BACK_COLOR, light, r);
      wing = part(t, Attribute.WING_COLOR, light, r);
      breast = part(t, Attribute.BREAST_COLOR, light, r);
      belly = part(t, Attribute.BELLY_COLOR, light, r);
      tail = part(t, Attribute.TAIL_COLOR, light, r);
      bill = part(t, Attribute.BILL_COLOR, light, r);
      legs = part(t, Attribute.LEG_COLOR, light, r);
    }

    private static Color part(Traits t, Attribute a, double light, SplittableRandom r) {
      return jitter(t.color(a).rgb(), light * (0.97 + 0.06 * r.nextDouble()));
    }
  }

  private static void outline(Graphics2D g, Shape s) {
    g.setColor(OUTLINE);
    g.setStroke(new BasicStroke(0.022f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(s);
  }

  /**
   * Streaks, spots or bars inside {@code clip}, laid out in {@code frame} (x along the body axis).
   */
  private static void bodyPattern(Graphics2D g, Shape clip, AffineTransform frame, String pattern, Color ink, SplittableRandom r) {
    if (pattern.equals("solid")) {
      return;
    }
    Shape oldClip = g.getClip();
    g.clip(clip);
    g.setColor(ink);
    switch (pattern) {
      case "striped" -> {
        g.setStroke(new BasicStroke(0.038f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double v = -0.6; v <= 0.6; v += 0.075) {
          for (double u = -0.9; u <= 0.9; u += 0.15) {
            double uu = u + (r.nextDouble() - 0.5) * 0.06 + ((int) Math.round(v / 0.075) % 2 == 0 ? 0 : 0.07);
            double vv = v + (r.nextDouble() - 0.5) * 0.02;
            g.draw(frame.createTransformedShape(new Line2D.Double(uu, vv, uu - 0.1, vv)));
          }
        }
      }
      case "spotted" -> {
        for (double v = -0.6; v <= 0.6; v += 0.085) {
          for (double u = -0.9; u <= 0.9; u += 0.1) {
            double rr = 0.022 + 0.012 * r.nextDouble();
            double uu = u + (r.nextDouble() - 0.5) * 0.05;
            double vv = v + (r.nextDouble() - 0.5) * 0.04;
            g.fill(frame.createTransformedShape(new Ellipse2D.Double(uu - rr, vv - rr, 2 * rr, 2 * rr * 0.85)));
          }
        }
      }
      case "barred" -> {
        g.setStroke(new BasicStroke(0.034f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        for (double u = -0.9; u <= 0.9; u += 0.075) {
          Path2D p = new Path2D.Double();
          p.moveTo(u, -0.7);
          p.quadTo(u - 0.04, 0, u, 0.7);
          g.draw(frame.createTransformedShape(p));
        }
      }
      default -> throw new IllegalStateException("unknown pattern " + pattern);
    }
    g.setClip(oldClip);
  }

  private static void crownStripes(Graphics2D g, BirdGeometry geo, Color ink) {
    Shape oldClip = g.getClip();
    g.clip(geo.crown);
    g.setColor(ink);
    g.setStroke(new BasicStroke(0.045f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    double r = geo.headRadius;
    for (double off : new double[] {-0.78, -0.52, -0.3}) {
      Path2D p = new Path2D.Double();
      p.moveTo(r * 1.2, r * off);
      p.quadTo(0, r * off - 0.04, -r * 1.2, r * off + 0.06);
      g.draw(geo.headFrame.createTransformedShape(p));
    }
    g.setClip(oldClip);
  }

  private static void wingPattern(Graphics2D g, Shape wing, AffineTransform frame, Traits t, boolean open, SplittableRandom r) {
    Shape oldClip = g.getClip();
    g.clip(wing);
    Color base = t.color(Attribute.WING_COLOR).rgb();
    // Flight-feather edges: faint lines along the wing's tip, drawn on every wing.
    g.setColor(new Color(0, 0, 0, 50));
    g.setStroke(new BasicStroke(0.012f));
    for (double v = -0.1; v <= 0.2; v += 0.06) {
      g.draw(frame.createTransformedShape(new Line2D.Double(0.55, v, 1.05, v * 0.4)));
    }
    switch (t.value(Attribute.WING_PATTERN)) {
      case "bars" -> {
        g.setColor(new Color(248, 248, 244));
        for (double u : open ? new double[] {0.22, 0.36} : new double[] {0.22, 0.4}) {
          g.fill(frame.createTransformedShape(new Rectangle2D.Double(u, -0.4, open ? 0.06 : 0.075, 0.8)));
        }
      }
      case "spotted" -> {
        g.setColor(ink(t.color(Attribute.WING_COLOR)));
        for (double u = 0.08; u <= 0.95; u += 0.11) {
          for (double v = -0.25; v <= 0.3; v += 0.09) {
            double rr = 0.028 + 0.012 * r.nextDouble();
            double uu = u + (r.nextDouble() - 0.5) * 0.05;
            double vv = v + (r.nextDouble() - 0.5) * 0.04;
            g.fill(frame.createTransformedShape(new Ellipse2D.Double(uu - rr, vv - rr, 2 * rr, 2 * rr)));
          }
        }
      }
      case "striped" -> {
        g.setColor(ink(t.color(Attribute.WING_COLOR)));
        g.setStroke(new BasicStroke(0.035f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double v = -0.2; v <= 0.25; v += 0.07) {
          g.draw(frame.createTransformedShape(new Line2D.Double(0.05, v, 1.0, v * 0.5)));
        }
      }
      default -> {
      }
    }
    // A darker shade towards the tip keeps folded and open wings readable on any background.
    g.setPaint(new GradientPaint(
        frame.transform(new Point2D.Double(0.3, 0), null), new Color(0, 0, 0, 0),
        frame.transform(new Point2D.Double(1.0, 0), null), new Color(0, 0, 0, base.getRed() + base.getGreen() < 120 ? 0 : 60)));
    g.fill(wing);
    g.setClip(oldClip);
  }

  private static void tailDetail(Graphics2D g, BirdGeometry geo, Traits t, Palette pal) {
    Shape oldClip = g.getClip();
    g.clip(geo.tail);
    AffineTransform f = geo.tailFrame;
    g.setColor(new Color(0, 0, 0, 55));
    g.setStroke(new BasicStroke(0.012f));
    for (double v : new double[] {-0.12, 0, 0.12}) {
      g.draw(f.createTransformedShape(new Line2D.Double(0.05, 0, 1.1, v * (t.is(Attribute.TAIL_SHAPE, "fan") ? 2.6 : 1.2))));
    }
    if (t.is(Attribute.TAIL_PATTERN, "barred")) {
      g.setColor(ink(t.color(Attribute.TAIL_COLOR)));
      for (double u = 0.2; u <= 1.0; u += 0.17) {
        g.fill(f.createTransformedShape(new Rectangle2D.Double(u, -0.6, 0.075, 1.2)));
      }
    }
    g.setClip(oldClip);
  }

  // ---------------------------------------------------------------------------------------------
  // Occluders (in image coordinates)

  private List<Layer> occluderLayers(Occluder kind, Rectangle2D bird, double bodyPx, SplittableRandom r) {
    List<Layer> out = new ArrayList<>();
    // Aim at a point inside the bird's box, then approach it from outside so only part of the
    // bird is hidden.
    double ax = bird.getMinX() + bird.getWidth() * (0.2 + 0.6 * r.nextDouble());
    double ay = bird.getMinY() + bird.getHeight() * (0.2 + 0.6 * r.nextDouble());
    double dir = r.nextDouble() * 2 * Math.PI;
    if (kind == Occluder.TWIG) {
      double w = Math.max(2.5, 0.085 * bodyPx);
      double ext = size * 1.5;
      double dx = Math.cos(dir);
      double dy = Math.sin(dir);
      Shape twig = new BasicStroke((float) w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
          .createStrokedShape(new Line2D.Double(ax - dx * ext, ay - dy * ext, ax + dx * ext, ay + dy * ext));
      Color bark = new Color(78 + r.nextInt(25), 56 + r.nextInt(15), 36);
      out.add(new Layer(twig, Part.OCCLUDER_LABEL, g -> {
        g.setColor(bark);
        g.fill(twig);
      }));
      int leaves = r.nextInt(3);
      for (int k = 0; k < leaves; k++) {
        double along = (r.nextDouble() - 0.5) * bodyPx * 1.6;
        out.add(leafLayer(ax + dx * along, ay + dy * along, bodyPx * (0.3 + 0.15 * r.nextDouble()), dir + (r.nextBoolean() ? 0.8 : -0.8), r));
      }
    } else {
      double reach = bodyPx * (0.15 + 0.2 * r.nextDouble());
      double cx = ax + Math.cos(dir) * reach;
      double cy = ay + Math.sin(dir) * reach;
      int leaves = 3 + r.nextInt(3);
      for (int k = 0; k < leaves; k++) {
        double a = dir + Math.PI + (k - (leaves - 1) / 2.0) * 0.55 + (r.nextDouble() - 0.5) * 0.3;
        double len = bodyPx * (0.4 + 0.2 * r.nextDouble());
        out.add(leafLayer(cx + Math.cos(a) * len * 0.45, cy + Math.sin(a) * len * 0.45, len, a, r));
      }
    }
    return out;
  }

  private Layer leafLayer(double cx, double cy, double len, double angle, SplittableRandom r) {
    AffineTransform at = AffineTransform.getTranslateInstance(cx, cy);
    at.rotate(angle);
    Shape leaf = at.createTransformedShape(leaf(len));
    Shape vein = at.createTransformedShape(new Line2D.Double(-len * 0.45, 0, len * 0.42, 0));
    Color c = new Color(50 + r.nextInt(45), 118 + r.nextInt(55), 38 + r.nextInt(30));
    return new Layer(leaf, Part.OCCLUDER_LABEL, g -> {
      g.setColor(c);
      g.fill(leaf);
      g.setColor(new Color(20, 60, 20, 120));
      g.setStroke(new BasicStroke((float) Math.max(0.8, len * 0.03)));
      g.draw(vein);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Label map

  private int[] labelCounts(BufferedImage lab) {
    int[] px = ((DataBufferInt) lab.getRaster().getDataBuffer()).getData();
    int[] counts = new int[Part.OCCLUDER_LABEL + 1];
    for (int v : px) {
      counts[(v >> 16) & 0xFF]++;
    }
    return counts;
  }

  private byte[] labelBytes(BufferedImage lab) {
    int[] px = ((DataBufferInt) lab.getRaster().getDataBuffer()).getData();
    byte[] out = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = (byte) ((px[i] >> 16) & 0xFF);
    }
    return out;
  }
}
