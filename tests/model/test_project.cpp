#include <gtest/gtest.h>

#include "core/model/Project.h"

using namespace shotcraft::model;

namespace {
// Three shots in act 0 (s01 2 s, s02 3 s, s03 4 s), one in act 2 (s04 1 s).
Project sample() {
  Project p;
  const double durations[] = {2.0, 3.0, 4.0, 1.0};
  for (int i = 0; i < 4; ++i) {
    Shot s = p.makeShot();
    s.duration_s = durations[i];
    s.prompt = QStringLiteral("prompt %1").arg(i + 1);
    const int act = i < 3 ? 0 : 2;
    EXPECT_TRUE(p.requestInsertShot(act, int(p.act(act).shots.size()), s));
  }
  return p;
}

Take take(const QString& id) {
  Take t;
  t.id = id;
  t.created = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);
  t.render_hash = QStringLiteral("h") + id;
  t.frames = QStringLiteral("s01/") + id;
  return t;
}
}  // namespace

TEST(Project, NewProjectHasThreeTitledActs) {
  const Project p;
  EXPECT_EQ(p.acts().size(), 3u);
  EXPECT_EQ(p.act(0).title, QStringLiteral("Setup"));
  EXPECT_EQ(p.act(1).title, QStringLiteral("Confrontation"));
  EXPECT_EQ(p.act(2).title, QStringLiteral("Resolution"));
  EXPECT_EQ(p.shotCount(), 0);
  EXPECT_EQ(p.validate(), QString());
  EXPECT_EQ(p.summary(), QStringLiteral("3 acts, 0 shots, 0.0 s"));
}

TEST(Project, LookupsAndTotals) {
  const Project p = sample();
  EXPECT_EQ(p.shotCount(), 4);
  EXPECT_DOUBLE_EQ(p.totalDuration_s(), 10.0);
  EXPECT_EQ(p.summary(), QStringLiteral("3 acts, 4 shots, 10.0 s"));
  EXPECT_EQ(p.shotIds(), (QStringList{"s01", "s02", "s03", "s04"}));
  EXPECT_EQ(p.locate(QStringLiteral("s04")), (ShotLocation{2, 0}));
  EXPECT_EQ(p.locate(QStringLiteral("s02")), (ShotLocation{0, 1}));
  EXPECT_FALSE(p.locate(QStringLiteral("nope")).has_value());
  EXPECT_EQ(p.findShot(QStringLiteral("s03"))->prompt, QStringLiteral("prompt 3"));
  EXPECT_EQ(p.shotAt({0, 5}), nullptr);
  EXPECT_EQ(p.shotStart_s(QStringLiteral("s03")), 5.0);
  EXPECT_EQ(p.newShotId(), QStringLiteral("s05"));
}

TEST(Project, FailedRequestsLeaveTheProjectUntouched) {
  Project p = sample();
  const Project before = p;
  QString error;
  EXPECT_FALSE(p.requestSetShotDuration(QStringLiteral("s02"), 0.0, &error));
  EXPECT_EQ(error, QStringLiteral("shot s02: duration: must be > 0"));
  EXPECT_FALSE(p.requestSetShotDuration(QStringLiteral("s02"), 601.0, &error));
  EXPECT_FALSE(p.requestSetShotDuration(QStringLiteral("zz"), 2.0, &error));
  EXPECT_EQ(error, QStringLiteral("no shot with id 'zz'"));
  EXPECT_FALSE(p.requestSetShotFps(QStringLiteral("s01"), 500, &error));
  EXPECT_FALSE(p.requestSetShotSize(QStringLiteral("s01"), AspectRatio::Square1x1, 100, 100, &error));
  EXPECT_EQ(error, QStringLiteral("shot s01: width: must be a multiple of 8"));
  EXPECT_FALSE(p.requestSetShotSampler(QStringLiteral("s01"), QString(), 8, 5.0, &error));
  EXPECT_FALSE(p.requestSetShotSampler(QStringLiteral("s01"), QStringLiteral("ddim"), 8, 31.0, &error));
  EXPECT_FALSE(p.requestSetShotSeed(QStringLiteral("s01"), ~0ULL, &error));
  ControlSlot bad;
  bad.weight = 3.0;
  EXPECT_FALSE(p.requestSetControl(QStringLiteral("s01"), ControlKind::Depth, bad, &error));
  EXPECT_EQ(error, QStringLiteral("shot s01: controls.depth.weight: must be in 0..2"));
  CameraKeyframe k;
  k.time_s = -1;
  EXPECT_FALSE(p.requestSetCameraPath(QStringLiteral("s01"), CameraPath({k}), &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("shot s01: camera.keyframes[0].time")));
  EXPECT_FALSE(p.requestMoveShot(QStringLiteral("s01"), 3, 0, &error));
  EXPECT_FALSE(p.requestMoveShot(QStringLiteral("s01"), 0, 3, &error));  // act 0 has 2 others: rows 0..2
  EXPECT_FALSE(p.requestMoveShot(QStringLiteral("s01"), 1, 1, &error));  // act 1 is empty: row 0 only
  EXPECT_FALSE(p.requestInsertShot(0, 9, p.makeShot(), &error));
  EXPECT_FALSE(p.requestInsertShot(-1, 0, p.makeShot(), &error));
  Shot dup = p.makeShot();
  dup.id = QStringLiteral("s02");
  EXPECT_FALSE(p.requestInsertShot(1, 0, dup, &error));
  EXPECT_EQ(error, QStringLiteral("shot: id: duplicate shot id 's02'"));
  EXPECT_FALSE(p.requestRemoveShot(QStringLiteral("s99"), &error));
  EXPECT_FALSE(p.requestSplitShot(QStringLiteral("s01"), 2.0, &error));
  EXPECT_FALSE(p.requestSplitShot(QStringLiteral("s01"), 0.0, &error));
  EXPECT_FALSE(p.requestSetActTitle(3, QStringLiteral("x"), &error));
  EXPECT_FALSE(p.requestSelectTake(QStringLiteral("s01"), QStringLiteral("t9"), &error));
  EXPECT_FALSE(p.requestAddTake(QStringLiteral("s01"), Take{}, &error));
  EXPECT_FALSE(p.requestSetBeats({1.0, NAN}, &error));
  EXPECT_FALSE(p.requestSetBeats({-1.0}, &error));
  EXPECT_FALSE(p.requestSetAudio(AudioTrack{QStringLiteral("/abs.wav"), 0, 0}, &error));
  EXPECT_FALSE(p.requestSetName(QStringLiteral("  "), &error));
  RenderDefaults d;
  d.steps = 0;
  EXPECT_FALSE(p.requestSetDefaults(d, &error));
  EXPECT_EQ(error, QStringLiteral("defaults.steps: must be in 1..200"));
  Shot changed = *p.findShot(QStringLiteral("s03"));
  changed.height = 7;
  EXPECT_FALSE(p.requestUpdateShot(changed, &error));
  EXPECT_EQ(p, before);
}

TEST(Project, ShotFieldEdits) {
  Project p = sample();
  EXPECT_TRUE(p.requestSetShotDuration(QStringLiteral("s02"), 5.5));
  EXPECT_TRUE(p.requestSetShotPrompt(QStringLiteral("s02"), QStringLiteral("a neon street")));
  EXPECT_TRUE(p.requestSetShotTitle(QStringLiteral("s02"), QStringLiteral("Street")));
  EXPECT_TRUE(p.requestSetShotNegativePrompt(QStringLiteral("s02"), QStringLiteral("blur")));
  EXPECT_TRUE(p.requestSetShotNotes(QStringLiteral("s02"), QStringLiteral("n")));
  EXPECT_TRUE(p.requestSetShotDialogue(QStringLiteral("s02"), QStringLiteral("A: hi")));
  EXPECT_TRUE(p.requestSetShotSeed(QStringLiteral("s02"), 42));
  EXPECT_TRUE(p.requestSetShotSize(QStringLiteral("s02"), AspectRatio::Tall9x16, 144, 256));
  EXPECT_TRUE(p.requestSetShotSampler(QStringLiteral("s02"), QStringLiteral("dpmpp_2m"), 20, 7.5));
  ControlSlot c;
  c.enabled = true;
  c.source = QStringLiteral("pose.png");
  c.weight = 1.5;
  EXPECT_TRUE(p.requestSetControl(QStringLiteral("s02"), ControlKind::Pose, c));
  const Shot& s = *p.findShot(QStringLiteral("s02"));
  EXPECT_DOUBLE_EQ(s.duration_s, 5.5);
  EXPECT_EQ(s.prompt, QStringLiteral("a neon street"));
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.width, 144);
  EXPECT_EQ(s.sampler, QStringLiteral("dpmpp_2m"));
  EXPECT_EQ(s.controls.slot(ControlKind::Pose), c);
  EXPECT_DOUBLE_EQ(p.totalDuration_s(), 12.5);
}

TEST(Project, MoveInsertRemove) {
  Project p = sample();
  ASSERT_TRUE(p.requestMoveShot(QStringLiteral("s01"), 0, 2));
  EXPECT_EQ(p.shotIds(), (QStringList{"s02", "s03", "s01", "s04"}));
  ASSERT_TRUE(p.requestMoveShot(QStringLiteral("s03"), 1, 0));
  EXPECT_EQ(p.locate(QStringLiteral("s03")), (ShotLocation{1, 0}));
  ASSERT_TRUE(p.requestMoveShot(QStringLiteral("s02"), 2, 1));
  EXPECT_EQ(p.shotIds(), (QStringList{"s01", "s03", "s04", "s02"}));
  Shot removed;
  ASSERT_TRUE(p.requestRemoveShot(QStringLiteral("s03"), nullptr, &removed));
  EXPECT_EQ(removed.id, QStringLiteral("s03"));
  EXPECT_EQ(p.shotCount(), 3);
  // Ids stay stable and are not reused while a larger one exists.
  QString newId;
  Shot fresh = p.makeShot();
  fresh.id.clear();
  ASSERT_TRUE(p.requestInsertShot(1, 0, fresh, nullptr, &newId));
  EXPECT_EQ(newId, QStringLiteral("s05"));
  // Undo the removal by inserting the removed shot back where it was.
  ASSERT_TRUE(p.requestInsertShot(1, 0, removed));
  EXPECT_EQ(p.findShot(QStringLiteral("s03"))->prompt, QStringLiteral("prompt 3"));
}

TEST(Project, DuplicateAndSplit) {
  Project p = sample();
  ASSERT_TRUE(p.requestAddTake(QStringLiteral("s03"), take(QStringLiteral("t01"))));
  ASSERT_TRUE(p.requestSelectTake(QStringLiteral("s03"), QStringLiteral("t01")));
  CameraKeyframe a;
  a.set(CameraChannel::PanX, 0.0);
  CameraKeyframe b;
  b.time_s = 4.0;
  b.set(CameraChannel::PanX, 0.4);
  ASSERT_TRUE(p.requestSetCameraPath(QStringLiteral("s03"), CameraPath({a, b})));

  QString dupId;
  ASSERT_TRUE(p.requestDuplicateShot(QStringLiteral("s03"), nullptr, &dupId));
  EXPECT_EQ(dupId, QStringLiteral("s05"));
  EXPECT_EQ(p.locate(dupId), (ShotLocation{0, 3}));
  EXPECT_TRUE(p.findShot(dupId)->takes.empty());
  EXPECT_EQ(p.findShot(dupId)->prompt, QStringLiteral("prompt 3"));

  QString tailId;
  QString error;
  ASSERT_TRUE(p.requestSplitShot(QStringLiteral("s03"), 1.0, &error, &tailId)) << error.toStdString();
  EXPECT_EQ(tailId, QStringLiteral("s06"));
  EXPECT_EQ(p.locate(tailId), (ShotLocation{0, 3}));
  const Shot& head = *p.findShot(QStringLiteral("s03"));
  const Shot& tail = *p.findShot(tailId);
  EXPECT_DOUBLE_EQ(head.duration_s, 1.0);
  EXPECT_DOUBLE_EQ(tail.duration_s, 3.0);
  EXPECT_EQ(head.selected_take, QStringLiteral("t01"));
  EXPECT_TRUE(tail.takes.empty());
  EXPECT_NEAR(head.camera.evaluate(CameraChannel::PanX, 1.0), 0.1, 1e-12);
  EXPECT_NEAR(tail.camera.evaluate(CameraChannel::PanX, 0.0), 0.1, 1e-12);
  EXPECT_NEAR(tail.camera.evaluate(CameraChannel::PanX, 3.0), 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(p.totalDuration_s(), 14.0);
  EXPECT_EQ(p.validate(), QString());
}

TEST(Project, Takes) {
  Project p = sample();
  ASSERT_TRUE(p.requestAddTake(QStringLiteral("s01"), take(QStringLiteral("t01"))));
  ASSERT_TRUE(p.requestAddTake(QStringLiteral("s01"), take(QStringLiteral("t02"))));
  QString error;
  EXPECT_FALSE(p.requestAddTake(QStringLiteral("s01"), take(QStringLiteral("t02")), &error));
  EXPECT_EQ(error, QStringLiteral("shot s01: takes: duplicate take id 't02'"));
  ASSERT_TRUE(p.requestSelectTake(QStringLiteral("s01"), QStringLiteral("t02")));
  EXPECT_EQ(p.findShot(QStringLiteral("s01"))->selectedTake()->render_hash, QStringLiteral("ht02"));
  ASSERT_TRUE(p.requestRemoveTake(QStringLiteral("s01"), QStringLiteral("t02")));
  EXPECT_TRUE(p.findShot(QStringLiteral("s01"))->selected_take.isEmpty());
  EXPECT_EQ(p.findShot(QStringLiteral("s01"))->takes.size(), 1u);
  EXPECT_FALSE(p.requestRemoveTake(QStringLiteral("s01"), QStringLiteral("t02")));
}

TEST(Project, ProjectLevelEdits) {
  Project p;
  EXPECT_TRUE(p.requestSetActTitle(1, QStringLiteral("Across the grid")));
  EXPECT_EQ(p.act(1).title, QStringLiteral("Across the grid"));
  EXPECT_TRUE(p.requestSetBeats({2.0, 0.5, 1.0}));
  EXPECT_EQ(p.beats_s(), (std::vector<double>{0.5, 1.0, 2.0}));
  EXPECT_TRUE(p.requestSetAudio(AudioTrack{QStringLiteral("music/theme.ogg"), -1.5, -3.0}));
  EXPECT_EQ(p.audio()->offset_s, -1.5);
  EXPECT_TRUE(p.requestSetAudio(std::nullopt));
  EXPECT_FALSE(p.audio().has_value());
  RenderDefaults d;
  d.fps = 24;
  EXPECT_TRUE(p.requestSetDefaults(d));
  EXPECT_EQ(p.makeShot().fps, 24);
}
