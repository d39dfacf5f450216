#include <gtest/gtest.h>

#include <cmath>

#include "core/model/CameraPath.h"

using namespace shotcraft::model;

namespace {
CameraKeyframe key(double t, double zoom, Easing e = Easing::Linear) {
  CameraKeyframe k;
  k.time_s = t;
  k.set(CameraChannel::Zoom, zoom);
  k.easing = e;
  return k;
}
}  // namespace

TEST(CameraPath, EmptyIsIdentity) {
  const CameraPath p;
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::PanX, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Roll, 1.0), 0.0);
}

TEST(CameraPath, AutomaticHandlesWithLinearEasingAreLinear) {
  const CameraPath p({key(1.0, 1.0), key(3.0, 2.0)});
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 0.0), 1.0);  // before the first key: holds
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 1.0), 1.0);
  EXPECT_NEAR(p.evaluate(CameraChannel::Zoom, 1.5), 1.25, 1e-12);
  EXPECT_NEAR(p.evaluate(CameraChannel::Zoom, 2.0), 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 3.0), 2.0);
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 10.0), 2.0);  // after the last key: holds
  // Other channels stay at their key values.
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::PanY, 2.0), 0.0);
}

TEST(CameraPath, EasingAppliesToTheSegmentParameter) {
  for (Easing e : {Easing::EaseIn, Easing::EaseOut, Easing::EaseInOut}) {
    const CameraPath p({key(0.0, 1.0, e), key(4.0, 3.0)});
    for (double t : {0.4, 1.0, 2.0, 3.3}) {
      const double u = t / 4.0;
      EXPECT_NEAR(p.evaluate(CameraChannel::Zoom, t), 1.0 + 2.0 * ease(e, u), 1e-12) << easingName(e).toStdString();
    }
  }
}

TEST(CameraPath, HoldKeepsTheValueUntilTheNextKey) {
  const CameraPath p({key(0.0, 1.0, Easing::Hold), key(2.0, 2.0), key(4.0, 4.0)});
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 1.99), 1.0);
  EXPECT_DOUBLE_EQ(p.evaluate(CameraChannel::Zoom, 2.0), 2.0);
  EXPECT_NEAR(p.evaluate(CameraChannel::Zoom, 3.0), 3.0, 1e-12);
}

TEST(CameraPath, ExplicitHandlesFollowTheCubicBezier) {
  CameraKeyframe a = key(0.0, 0.0);
  CameraKeyframe b = key(1.0, 0.0);
  a.set(CameraChannel::PanX, 0.0);
  b.set(CameraChannel::PanX, 1.0);
  a.handle_out[size_t(CameraChannel::PanX)] = 0.0;   // P1 = 0
  b.handle_in[size_t(CameraChannel::PanX)] = 0.0;    // P2 = 1
  a.set(CameraChannel::Zoom, 1.0);
  b.set(CameraChannel::Zoom, 1.0);
  const CameraPath p({a, b});
  for (double s : {0.0, 0.2, 0.5, 0.8, 1.0}) {
    // P0=0, P1=0, P2=1, P3=1: B(s) = 3s^2 - 2s^3
    EXPECT_NEAR(p.evaluate(CameraChannel::PanX, s), 3 * s * s - 2 * s * s * s, 1e-12);
  }
  EXPECT_NEAR(CameraPath::bezier(0, 1, 2, 3, 0.5), 1.5, 1e-12);
  EXPECT_NEAR(CameraPath::bezier(2, 5, -1, 4, 0.3),
              std::pow(0.7, 3) * 2 + 3 * 0.49 * 0.3 * 5 + 3 * 0.7 * 0.09 * -1 + 0.027 * 4, 1e-12);
}

TEST(CameraPath, Validate) {
  EXPECT_EQ(CameraPath({key(0.0, 1.0), key(2.0, 1.5)}).validate(), QString());
  EXPECT_EQ(CameraPath({key(1.0, 1.0), key(1.0, 1.5)}).validate(),
            QStringLiteral("keyframes[1].time: must be greater than the previous keyframe's time"));
  EXPECT_TRUE(CameraPath({key(-1.0, 1.0)}).validate().startsWith(QStringLiteral("keyframes[0].time:")));
  EXPECT_TRUE(CameraPath({key(0.0, 0.0)}).validate().startsWith(QStringLiteral("keyframes[0].values.zoom:")));
  EXPECT_TRUE(CameraPath({key(0.0, NAN)}).validate().startsWith(QStringLiteral("keyframes[0].values.zoom:")));
  CameraKeyframe k = key(0.0, 1.0);
  k.handle_in[size_t(CameraChannel::Roll)] = INFINITY;
  EXPECT_EQ(CameraPath({k}).validate().left(20), QStringLiteral("keyframes[0].in.roll"));
}

TEST(CameraPath, SlicedKeepsValuesAtTheCut) {
  const CameraPath p({key(0.0, 1.0), key(4.0, 2.0)});
  const CameraPath head = p.sliced(0.0, 1.0);
  const CameraPath tail = p.sliced(1.0, 4.0);
  ASSERT_EQ(head.keyframes().size(), 2u);
  ASSERT_EQ(tail.keyframes().size(), 2u);
  EXPECT_NEAR(head.evaluate(CameraChannel::Zoom, 1.0), 1.25, 1e-12);
  EXPECT_NEAR(tail.evaluate(CameraChannel::Zoom, 0.0), 1.25, 1e-12);
  EXPECT_NEAR(tail.evaluate(CameraChannel::Zoom, 3.0), 2.0, 1e-12);
  EXPECT_NEAR(tail.evaluate(CameraChannel::Zoom, 1.0), p.evaluate(CameraChannel::Zoom, 2.0), 1e-12);
  EXPECT_TRUE(CameraPath().sliced(0, 1).isEmpty());
}

TEST(CameraPath, ChannelNames) {
  for (int c = 0; c < kCameraChannelCount; ++c) {
    EXPECT_EQ(CameraPath::channelFromName(CameraPath::channelName(CameraChannel(c))), CameraChannel(c));
  }
  EXPECT_FALSE(CameraPath::channelFromName(QStringLiteral("tilt")).has_value());
}
