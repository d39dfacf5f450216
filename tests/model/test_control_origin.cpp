// "From previous shot" control slots: validation, JSON round trip (old files still load) and resolution.
#include <gtest/gtest.h>

#include <QJsonDocument>
#include <QJsonObject>

#include "core/model/ControlResolve.h"
#include "core/model/Project.h"
#include "core/model/ProjectJson.h"

using namespace shotcraft::model;

namespace {

ControlSlot fileSlot(const QString& source, ControlSource kind = ControlSource::Map) {
  ControlSlot s;
  s.enabled = true;
  s.source = source;
  s.source_kind = kind;
  return s;
}

ControlSlot previousSlot(double weight) {
  ControlSlot s;
  s.enabled = true;
  s.origin = ControlOrigin::PreviousShot;
  s.weight = weight;
  s.start = 0.2;
  return s;
}

// Three shots in act 0: ids[0], ids[1], ids[2].
Project threeShots(QStringList* ids) {
  Project p;
  for (int i = 0; i < 3; ++i) {
    QString id;
    EXPECT_TRUE(p.requestInsertShot(0, i, p.makeShot(), nullptr, &id));
    ids->append(id);
  }
  return p;
}

}  // namespace

TEST(ControlOrigin, PreviousShotSlotNeedsNoSourceAndIsNeverActiveByItself) {
  ControlSlot s = previousSlot(1.0);
  EXPECT_EQ(ControlSettings::validateSlot(s), QString());
  EXPECT_FALSE(s.active());
  s.origin = ControlOrigin::File;
  EXPECT_EQ(ControlSettings::validateSlot(s), QStringLiteral("source: an enabled control needs an image in assets/"));
  s = previousSlot(1.0);
  s.source = QStringLiteral("../escape.png");  // a stray source is still checked
  EXPECT_TRUE(ControlSettings::validateSlot(s).startsWith(QStringLiteral("source:")));
}

TEST(ControlOrigin, NamesRoundTrip) {
  for (ControlOrigin o : {ControlOrigin::File, ControlOrigin::PreviousShot}) {
    EXPECT_EQ(ControlSettings::originFromName(ControlSettings::originName(o)), o);
  }
  EXPECT_EQ(ControlSettings::originName(ControlOrigin::PreviousShot), QStringLiteral("previous_shot"));
  EXPECT_FALSE(ControlSettings::originFromName(QStringLiteral("previous")).has_value());
}

TEST(ControlOrigin, JsonRoundTripAndOldFilesReadAsFile) {
  QStringList ids;
  Project p = threeShots(&ids);
  ASSERT_TRUE(p.requestSetControl(ids[0], ControlKind::Depth, fileSlot(QStringLiteral("d.png"))));
  ASSERT_TRUE(p.requestSetControl(ids[1], ControlKind::Depth, previousSlot(0.5)));
  const QByteArray json = ProjectJson::toJson(p);
  Project back;
  QString error;
  ASSERT_TRUE(ProjectJson::fromJson(json, &back, &error)) << error.toStdString();
  EXPECT_EQ(back, p);
  EXPECT_EQ(back.findShot(ids[1])->controls.slot(ControlKind::Depth).origin, ControlOrigin::PreviousShot);
  // A file slot writes no "origin" key, so files written before the field existed look the same.
  EXPECT_EQ(json.count("\"origin\""), 1);
  // An older file: slot objects without "origin" read as File slots.
  QByteArray old = json;
  old.replace("\"origin\": \"previous_shot\",", "");
  ASSERT_EQ(old.count("\"origin\""), 0) << old.toStdString();
  old.replace("\"source\": \"\"", "\"source\": \"d2.png\"");
  ASSERT_TRUE(ProjectJson::fromJson(old, &back, &error)) << error.toStdString();
  EXPECT_EQ(back.findShot(ids[1])->controls.slot(ControlKind::Depth).origin, ControlOrigin::File);
  EXPECT_EQ(back.findShot(ids[1])->controls.slot(ControlKind::Depth).source, QStringLiteral("d2.png"));
}

TEST(ControlOrigin, UnknownOriginNamesTheField) {
  QStringList ids;
  Project p = threeShots(&ids);
  ASSERT_TRUE(p.requestSetControl(ids[1], ControlKind::Pose, previousSlot(1.0)));
  QByteArray json = ProjectJson::toJson(p);
  json.replace("\"previous_shot\"", "\"elsewhere\"");
  Project back;
  QString error;
  EXPECT_FALSE(ProjectJson::fromJson(json, &back, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("controls.pose.origin"))) << error.toStdString();
}

TEST(ControlOrigin, ResolvesToTheNearestEarlierShotWithAFile) {
  QStringList ids;
  Project p = threeShots(&ids);
  ASSERT_TRUE(p.requestSetControl(ids[0], ControlKind::Canny, fileSlot(QStringLiteral("e.png"), ControlSource::Image)));
  ASSERT_TRUE(p.requestSetControl(ids[1], ControlKind::Canny, previousSlot(0.5)));
  ASSERT_TRUE(p.requestSetControl(ids[2], ControlKind::Canny, previousSlot(1.5)));
  EXPECT_EQ(previousControlShot(p, ids[2], ControlKind::Canny), ids[0]);  // through the chain
  const ControlSlot r = resolveControls(p, ids[2]).slot(ControlKind::Canny);
  EXPECT_EQ(r.origin, ControlOrigin::File);
  EXPECT_EQ(r.source, QStringLiteral("e.png"));
  EXPECT_EQ(r.source_kind, ControlSource::Image);
  EXPECT_DOUBLE_EQ(r.weight, 1.5);  // its own strength and range
  EXPECT_DOUBLE_EQ(r.start, 0.2);
  EXPECT_TRUE(r.active());
  // The first shot has nothing before it: the slot stays without a file, so it is inactive.
  ASSERT_TRUE(p.requestSetControl(ids[0], ControlKind::Depth, previousSlot(1.0)));
  EXPECT_TRUE(previousControlShot(p, ids[0], ControlKind::Depth).isEmpty());
  EXPECT_FALSE(resolveControls(p, ids[0]).slot(ControlKind::Depth).active());
  EXPECT_EQ(resolveControls(p, QStringLiteral("nope")), ControlSettings());
}
