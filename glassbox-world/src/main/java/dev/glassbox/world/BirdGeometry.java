package dev.glassbox.world;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of one bird in its own frame: facing right, y down, one unit = the body's length.
 * Every part is a closed shape, so the colour pass and the part-label pass fill exactly the same
 * regions. Parts that share the body or head (back, breast, belly; crown, nape, throat) are
 * disjoint pieces of it.
 */
final class BirdGeometry {
  /** Body and head, one {@code Area} each, before they are cut into parts. */
  final Shape body;
  final Shape headGroup;

  final Shape back;
  final Shape breastBody;
  final Shape belly;
  final Shape crown;
  final Shape nape;
  /** Throat and cheek: drawn in the breast colour and labelled as breast. */
  final Shape throat;
  final Shape crest;
  final Shape tail;
  final Shape wing;
  /** The far wing, seen behind the body in flight; null when perched. */
  final Shape farWing;
  final Path2D legs;
  final Shape bill;
  final Shape eye;
  final Shape eyeRing;
  final Shape eyeMask;

  /** Body frame: origin at the body's centre, x towards the head. */
  final AffineTransform bodyFrame;
  /** Head frame: origin at the head's centre, unrotated. */
  final AffineTransform headFrame;
  /** Wing frame: origin at the shoulder, x towards the tip, in units of the wing's length. */
  final AffineTransform wingFrame;
  final AffineTransform farWingFrame;
  /** Tail frame: origin at the tail's base, x towards its tip, in units of the tail's length. */
  final AffineTransform tailFrame;
  /** Bill frame: origin at the bill's base, x towards its tip. */
  final AffineTransform billFrame;
  final double billLength;
  /** Where the toes grip the perch (perched birds). */
  final Point2D feet;
  final Point2D eyeCenter;
  final double headRadius;

  /**
   * The parts that depend only on the pose (perched or flying): body and head cut into back,
   * breast, belly, crown, nape and throat. Cutting needs {@link Area} operations, the costliest
   * step of drawing, so each world computes the two skeletons once and shares them read-only
   * between threads.
   */
  static final class Skeleton {
    final boolean flying;
    final AffineTransform bodyFrame;
    final Shape body;
    final Shape headGroup;
    final Shape back;
    final Shape breastBody;
    final Shape belly;
    final Shape crown;
    final Shape nape;
    final Shape throat;
    final double hx;
    final double hy;
    final double headRadius;
    final Point2D eyeCenter;

    Skeleton(boolean flying) {
      this.flying = flying;
      double bodyAngle = Math.toRadians(flying ? -8 : -35);
      bodyFrame = AffineTransform.getRotateInstance(bodyAngle);
      double bodyHeight = flying ? 0.52 : 0.58;
      Area bodyArea = new Area(bodyFrame.createTransformedShape(new Ellipse2D.Double(-0.5, -bodyHeight / 2, 1.0, bodyHeight)));

      hx = flying ? 0.55 : 0.36;
      hy = flying ? -0.2 : -0.5;
      headRadius = flying ? 0.23 : 0.245;
      Area head = new Area(new Ellipse2D.Double(hx - headRadius, hy - headRadius, 2 * headRadius, 2 * headRadius));
      Area neck = flying
          ? new Area(new Ellipse2D.Double(0.42 - 0.2, -0.12 - 0.17, 0.4, 0.34))
          : new Area(new Ellipse2D.Double(0.29 - 0.2, -0.3 - 0.21, 0.4, 0.42));
      Area headArea = new Area(head);
      headArea.add(neck);

      // Body parts: upperparts above a line through the body's axis, underparts split front/back.
      Area upper = new Area(bodyFrame.createTransformedShape(new Rectangle2D.Double(-2, -2, 4, 2 - 0.05)));
      Area backArea = new Area(bodyArea);
      backArea.intersect(upper);
      Area under = new Area(bodyArea);
      under.subtract(upper);
      Area breastArea = new Area(under);
      breastArea.intersect(new Area(bodyFrame.createTransformedShape(new Rectangle2D.Double(0.0, -2, 4, 4))));
      Area bellyArea = new Area(under);
      bellyArea.subtract(breastArea);

      // Head parts: the crown is the cap down to a line just under the eye (so the eye and its ring
      // sit on the crown colour, as on most birds); the nape is the back of
      // the head and neck; the rest (cheek, throat) belongs to the breast.
      eyeCenter = new Point2D.Double(hx + 0.075, hy - 0.02);
      double capFront = eyeCenter.getY() + 0.11;
      Area crownArea = new Area(head);
      crownArea.intersect(new Area(above(hx + 0.4, capFront, hx - 0.4, capFront - 0.08)));
      Area napeArea = new Area(headArea);
      napeArea.intersect(new Area(polygon(hx - 0.1, -3, hx - 0.1, hy, hx - 0.3, hy + 0.5, -3, hy + 0.5, -3, -3)));
      napeArea.subtract(crownArea);
      Area throatArea = new Area(headArea);
      throatArea.subtract(crownArea);
      throatArea.subtract(napeArea);

      body = new Path2D.Double(bodyArea);
      headGroup = new Path2D.Double(headArea);
      back = new Path2D.Double(backArea);
      breastBody = new Path2D.Double(breastArea);
      belly = new Path2D.Double(bellyArea);
      crown = new Path2D.Double(crownArea);
      nape = new Path2D.Double(napeArea);
      throat = new Path2D.Double(throatArea);
    }
  }

  BirdGeometry(Traits t, Skeleton sk) {
    boolean flying = sk.flying;
    bodyFrame = sk.bodyFrame;
    body = sk.body;
    headGroup = sk.headGroup;
    back = sk.back;
    breastBody = sk.breastBody;
    belly = sk.belly;
    crown = sk.crown;
    nape = sk.nape;
    throat = sk.throat;
    double hx = sk.hx;
    double hy = sk.hy;
    headRadius = sk.headRadius;
    eyeCenter = sk.eyeCenter;
    headFrame = AffineTransform.getTranslateInstance(hx, hy);

    crest = t.is(Attribute.CREST, "crested") ? crestShape(hx, hy, headRadius) : null;

    // Tail: from the rear of the body, pointing down-back when perched and back when flying.
    double tailLen = switch (t.value(Attribute.TAIL_LENGTH)) {
      case "short" -> 0.3;
      case "long" -> 0.78;
      default -> 0.48;
    };
    double tailAngle = Math.toRadians(flying ? 176 : 122);
    Point2D tailBase = bodyFrame.transform(new Point2D.Double(-0.4, 0.02), null);
    tailFrame = new AffineTransform();
    tailFrame.translate(tailBase.getX(), tailBase.getY());
    tailFrame.rotate(tailAngle);
    tailFrame.scale(tailLen, tailLen);
    tail = tailFrame.createTransformedShape(tailShape(t.value(Attribute.TAIL_SHAPE), 0.11 / tailLen));

    // Wings.
    boolean pointed = t.is(Attribute.WING_SHAPE, "pointed");
    if (flying) {
      double len = pointed ? 1.05 : 0.86;
      wingFrame = frame(0.12, -0.1, Math.toRadians(-118), len);
      wing = wingFrame.createTransformedShape(openWing(pointed));
      farWingFrame = frame(0.2, -0.16, Math.toRadians(-92), len * 0.9);
      farWing = farWingFrame.createTransformedShape(openWing(pointed));
    } else {
      double len = pointed ? 0.98 : 0.8;
      wingFrame = frame(0.17, -0.17, Math.toRadians(146), len);
      wing = wingFrame.createTransformedShape(foldedWing(pointed));
      farWingFrame = null;
      farWing = null;
    }

    // Legs and feet.
    boolean longLegs = t.is(Attribute.LEG_LENGTH, "long");
    legs = new Path2D.Double(Path2D.WIND_NON_ZERO);
    BasicStroke legStroke = new BasicStroke(0.055f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    BasicStroke toeStroke = new BasicStroke(0.038f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    if (flying) {
      double reach = longLegs ? 0.5 : 0.25;
      for (double dx : new double[] {0.0, 0.08}) {
        Path2D leg = new Path2D.Double();
        leg.moveTo(-0.02 + dx, 0.17);
        leg.lineTo(-0.02 + dx - reach, 0.2 + reach * 0.35);
        legs.append(legStroke.createStrokedShape(leg), false);
        Path2D toes = new Path2D.Double();
        toes.moveTo(-0.02 + dx - reach, 0.2 + reach * 0.35);
        toes.lineTo(-0.02 + dx - reach - 0.07, 0.2 + reach * 0.35 + 0.04);
        legs.append(toeStroke.createStrokedShape(toes), false);
      }
      feet = new Point2D.Double(-0.1, 0.3);
    } else {
      double footY = longLegs ? 0.78 : 0.46;
      for (double dx : new double[] {-0.02, 0.11}) {
        Path2D leg = new Path2D.Double();
        leg.moveTo(dx, 0.16);
        leg.lineTo(dx + 0.03, footY);
        legs.append(legStroke.createStrokedShape(leg), false);
        Path2D toes = new Path2D.Double();
        toes.moveTo(dx + 0.03, footY);
        toes.lineTo(dx + 0.14, footY + 0.01);
        toes.moveTo(dx + 0.03, footY);
        toes.lineTo(dx + 0.11, footY + 0.04);
        toes.moveTo(dx + 0.03, footY);
        toes.lineTo(dx - 0.06, footY + 0.02);
        legs.append(toeStroke.createStrokedShape(toes), false);
      }
      feet = new Point2D.Double(0.06, footY + 0.02);
    }

    // Bill, at the front of the head, pointing slightly down.
    billLength = switch (t.value(Attribute.BILL_LENGTH)) {
      case "short" -> 0.6;
      case "long" -> 1.75;
      default -> 1.0;
    };
    double baseX = hx + headRadius * 0.93;
    double baseY = hy + 0.02;
    billFrame = new AffineTransform();
    billFrame.translate(baseX, baseY);
    billFrame.rotate(Math.toRadians(flying ? 10 : 8));
    bill = billFrame.createTransformedShape(billShape(t.value(Attribute.BILL_SHAPE), billLength));

    // Eye, eye ring and mask.
    double er = 0.05;
    eye = new Ellipse2D.Double(eyeCenter.getX() - er, eyeCenter.getY() - er, 2 * er, 2 * er);
    double rr = er + 0.04;
    eyeRing = t.is(Attribute.EYE_RING, "none")
        ? null
        : new Ellipse2D.Double(eyeCenter.getX() - rr, eyeCenter.getY() - rr, 2 * rr, 2 * rr);
    if (t.is(Attribute.EYE_MASK, "black")) {
      Area m = new Area(polygon(
          baseX + 0.05, eyeCenter.getY() - 0.065,
          hx - headRadius - 0.1, eyeCenter.getY() - 0.06,
          hx - headRadius - 0.1, eyeCenter.getY() + 0.075,
          baseX + 0.05, eyeCenter.getY() + 0.06));
      m.intersect(new Area(headGroup));
      eyeMask = m;
    } else {
      eyeMask = null;
    }
  }

  /** Every drawn outer shape (their union is the bird's silhouette), for bounds. */
  List<Shape> outerShapes() {
    List<Shape> out = new ArrayList<>(List.of(body, headGroup, tail, wing, legs, bill));
    if (farWing != null) {
      out.add(farWing);
    }
    if (crest != null) {
      out.add(crest);
    }
    return out;
  }

  private static AffineTransform frame(double x, double y, double angle, double scale) {
    AffineTransform f = new AffineTransform();
    f.translate(x, y);
    f.rotate(angle);
    f.scale(scale, scale);
    return f;
  }

  /** The half-plane on the smaller-y side of the line through (x1, y1) and (x2, y2). */
  private static Shape above(double x1, double y1, double x2, double y2) {
    double dx = x2 - x1;
    double dy = y2 - y1;
    double n = Math.hypot(dx, dy);
    dx /= n;
    dy /= n;
    double ax = x1 - 10 * dx;
    double ay = y1 - 10 * dy;
    double bx = x2 + 10 * dx;
    double by = y2 + 10 * dy;
    return polygon(ax, ay, bx, by, bx, by - 20, ax, ay - 20);
  }

  private static Path2D polygon(double... xy) {
    Path2D p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    return p;
  }

  private static Shape crestShape(double hx, double hy, double r) {
    Path2D p = new Path2D.Double();
    p.moveTo(hx + 0.1, hy - r * 0.92);
    p.quadTo(hx - 0.05, hy - r - 0.2, hx - 0.25, hy - r - 0.24);
    p.quadTo(hx - 0.14, hy - r - 0.08, hx - 0.2, hy - r * 0.55);
    p.lineTo(hx - 0.05, hy - r * 0.5);
    p.closePath();
    return p;
  }

  /** A tail in its own frame: base at the origin, tip near x = 1, {@code w} = half-width at base. */
  private static Shape tailShape(String shape, double w) {
    Path2D p = new Path2D.Double();
    switch (shape) {
      case "forked" -> {
        p.moveTo(0, -w);
        p.lineTo(1.0, -w * 2.3);
        p.lineTo(0.98, -w * 1.5);
        p.lineTo(0.55, 0);
        p.lineTo(0.98, w * 1.5);
        p.lineTo(1.0, w * 2.3);
        p.lineTo(0, w);
      }
      case "rounded" -> {
        p.moveTo(0, -w);
        p.lineTo(0.72, -w * 1.75);
        p.curveTo(0.98, -w * 1.7, 1.04, w * 1.7, 0.72, w * 1.75);
        p.lineTo(0, w);
      }
      case "pointed" -> {
        p.moveTo(0, -w);
        p.quadTo(0.6, -w * 1.2, 1.08, 0);
        p.quadTo(0.6, w * 1.2, 0, w);
      }
      case "fan" -> {
        p.moveTo(0, -w * 0.9);
        p.lineTo(0.78, -w * 3.6);
        p.curveTo(1.08, -w * 2.6, 1.08, w * 2.6, 0.78, w * 3.6);
        p.lineTo(0, w * 0.9);
      }
      default -> {
        p.moveTo(0, -w);
        p.lineTo(0.95, -w * 1.45);
        p.lineTo(1.0, 0);
        p.lineTo(0.95, w * 1.45);
        p.lineTo(0, w);
      }
    }
    p.closePath();
    return p;
  }

  /** A folded wing in its frame: shoulder at the origin, tip at x = 1. */
  private static Shape foldedWing(boolean pointed) {
    Path2D p = new Path2D.Double();
    p.moveTo(0, 0);
    if (pointed) {
      p.curveTo(0.2, -0.2, 0.6, -0.16, 1.0, 0.0);
      p.curveTo(0.7, 0.1, 0.3, 0.2, 0, 0.12);
    } else {
      p.curveTo(0.15, -0.24, 0.62, -0.22, 0.92, -0.06);
      p.quadTo(1.02, 0.0, 0.9, 0.06);
      p.curveTo(0.6, 0.2, 0.25, 0.24, 0, 0.12);
    }
    p.closePath();
    return p;
  }

  /** A spread wing in its frame: shoulder at the origin, tip at x = 1, leading edge at y &lt; 0. */
  private static Shape openWing(boolean pointed) {
    Path2D p = new Path2D.Double();
    if (pointed) {
      p.moveTo(0, -0.08);
      p.curveTo(0.35, -0.16, 0.7, -0.1, 1.0, 0.0);
      p.curveTo(0.7, 0.06, 0.45, 0.16, 0.2, 0.2);
      p.lineTo(0, 0.12);
    } else {
      p.moveTo(0, -0.1);
      p.curveTo(0.35, -0.2, 0.7, -0.16, 0.95, -0.06);
      p.quadTo(1.04, 0.02, 0.94, 0.1);
      // Trailing edge with the tips of the flight feathers.
      double[] xs = {0.82, 0.68, 0.54, 0.4, 0.26};
      for (double x : xs) {
        p.quadTo(x + 0.04, 0.3, x, 0.2 + 0.06 * (1 - x));
      }
      p.lineTo(0.05, 0.24);
      p.lineTo(0, 0.12);
    }
    p.closePath();
    return p;
  }

  /** A bill in its frame: base centred on the origin, pointing along x, {@code m} = length factor. */
  private static Shape billShape(String shape, double m) {
    Path2D p = new Path2D.Double();
    switch (shape) {
      case "cone" -> {
        double len = 0.2 * m;
        double h = 0.2;
        p.moveTo(-0.03, -h / 2);
        p.quadTo(len * 0.55, -h * 0.42, len, 0.01);
        p.quadTo(len * 0.55, h * 0.42, -0.03, h / 2);
      }
      case "hooked" -> {
        double len = 0.22 * m;
        double h = 0.16;
        p.moveTo(-0.03, -h / 2);
        p.quadTo(len * 0.75, -h / 2 - 0.01, len, 0.02);
        p.quadTo(len * 1.04, 0.08, len * 0.9, 0.11);
        p.quadTo(len * 0.86, 0.05, len * 0.7, 0.04);
        p.lineTo(-0.03, h / 2);
      }
      case "needle" -> {
        double len = 0.3 * m;
        double h = 0.07;
        p.moveTo(-0.03, -h / 2);
        p.quadTo(len * 0.5, -h * 0.3, len, 0.025 * m);
        p.quadTo(len * 0.5, h * 0.3, -0.03, h / 2);
      }
      default -> {
        double len = 0.26 * m;
        double h = 0.12;
        p.moveTo(-0.03, -h / 2);
        p.lineTo(len, 0.01);
        p.lineTo(-0.03, h / 2);
      }
    }
    p.closePath();
    return p;
  }
}
