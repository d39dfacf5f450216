#include <gtest/gtest.h>

#include "core/model/ControlSettings.h"
#include "core/model/RelativePath.h"

using namespace shotcraft::model;

namespace {
ControlSlot slot(double weight, double start, double end, const QString& source = QStringLiteral("d.png")) {
  ControlSlot s;
  s.enabled = true;
  s.source = source;
  s.weight = weight;
  s.start = start;
  s.end = end;
  return s;
}
}  // namespace

TEST(ControlSettings, DefaultsAreValidAndInactive) {
  const ControlSettings c;
  EXPECT_EQ(c.validate(), QString());
  EXPECT_EQ(c.activeCount(), 0);
}

TEST(ControlSettings, RangesNameTheField) {
  ControlSettings c;
  c.setSlot(ControlKind::Canny, slot(2.5, 0, 1));
  EXPECT_EQ(c.validate(), QStringLiteral("canny.weight: must be in 0..2"));
  c.setSlot(ControlKind::Canny, slot(2.0, 0.6, 0.5));
  EXPECT_EQ(c.validate(), QStringLiteral("canny.start: must be <= end"));
  c.setSlot(ControlKind::Canny, slot(1.0, 0.0, 1.5));
  EXPECT_EQ(c.validate(), QStringLiteral("canny.end: must be in 0..1"));
  c.setSlot(ControlKind::Canny, slot(1.0, 0.2, 0.8));
  EXPECT_EQ(c.validate(), QString());
  EXPECT_EQ(c.activeCount(), 1);
  c.setSlot(ControlKind::Pose, slot(1.0, 0, 1, QStringLiteral("../../etc/passwd")));
  EXPECT_EQ(c.validate(), QStringLiteral("pose.source: must not contain '..'"));
  c.setSlot(ControlKind::Pose, slot(1.0, 0, 1, QString()));
  EXPECT_TRUE(c.validate().startsWith(QStringLiteral("pose.source:")));
}

TEST(ControlSettings, ActiveNeedsEnabledSourceAndWeight) {
  ControlSlot s = slot(0.0, 0, 1);
  EXPECT_FALSE(s.active());
  s.weight = 0.5;
  EXPECT_TRUE(s.active());
  s.enabled = false;
  EXPECT_FALSE(s.active());
}

TEST(ControlSettings, Names) {
  for (auto k : {ControlKind::Depth, ControlKind::Canny, ControlKind::Pose}) {
    EXPECT_EQ(ControlSettings::kindFromName(ControlSettings::kindName(k)), k);
  }
  EXPECT_EQ(ControlSettings::sourceFromName(QStringLiteral("map")), ControlSource::Map);
  EXPECT_FALSE(ControlSettings::kindFromName(QStringLiteral("seg")).has_value());
}

TEST(RelativePath, RejectsEscapes) {
  EXPECT_EQ(checkRelativePath(QStringLiteral("controls/a.png")), QString());
  EXPECT_FALSE(checkRelativePath(QStringLiteral("/etc/passwd")).isEmpty());
  EXPECT_FALSE(checkRelativePath(QStringLiteral("a/../../b")).isEmpty());
  EXPECT_FALSE(checkRelativePath(QStringLiteral("C:/x")).isEmpty());
  EXPECT_FALSE(checkRelativePath(QStringLiteral("a\\b")).isEmpty());
  EXPECT_FALSE(checkRelativePath(QStringLiteral("a//b")).isEmpty());
  EXPECT_FALSE(checkRelativePath(QString()).isEmpty());
}
