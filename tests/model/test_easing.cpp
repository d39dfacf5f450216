#include <gtest/gtest.h>

#include "core/model/Easing.h"

using namespace shotcraft::model;

TEST(Easing, ClosedForms) {
  for (double u : {0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0}) {
    EXPECT_DOUBLE_EQ(ease(Easing::Linear, u), u);
    EXPECT_DOUBLE_EQ(ease(Easing::EaseIn, u), u * u);
    EXPECT_DOUBLE_EQ(ease(Easing::EaseOut, u), 1.0 - (1.0 - u) * (1.0 - u));
    EXPECT_DOUBLE_EQ(ease(Easing::EaseInOut, u), 3 * u * u - 2 * u * u * u);
  }
  EXPECT_DOUBLE_EQ(ease(Easing::EaseIn, 0.5), 0.25);
  EXPECT_DOUBLE_EQ(ease(Easing::EaseOut, 0.5), 0.75);
  EXPECT_DOUBLE_EQ(ease(Easing::EaseInOut, 0.25), 0.15625);
}

TEST(Easing, EndpointsAndClamping) {
  for (Easing e : {Easing::Linear, Easing::EaseIn, Easing::EaseOut, Easing::EaseInOut, Easing::Hold}) {
    EXPECT_DOUBLE_EQ(ease(e, 0.0), 0.0);
    EXPECT_DOUBLE_EQ(ease(e, 1.0), 1.0);
    EXPECT_DOUBLE_EQ(ease(e, -3.0), 0.0);
    EXPECT_DOUBLE_EQ(ease(e, 7.0), 1.0);
  }
  EXPECT_DOUBLE_EQ(ease(Easing::Hold, 0.999), 0.0);
}

TEST(Easing, Names) {
  for (Easing e : {Easing::Linear, Easing::EaseIn, Easing::EaseOut, Easing::EaseInOut, Easing::Hold}) {
    EXPECT_EQ(easingFromName(easingName(e)), e);
  }
  EXPECT_EQ(easingName(Easing::EaseInOut), QStringLiteral("ease-in-out"));
  EXPECT_FALSE(easingFromName(QStringLiteral("bounce")).has_value());
}
