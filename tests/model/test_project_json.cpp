#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>

#include "core/model/ProjectJson.h"
#include "core/model/ShotJson.h"

using namespace shotcraft::model;

namespace {
// A project with every field set away from its default.
Project fullProject() {
  Project p;
  EXPECT_TRUE(p.requestSetName(QStringLiteral("Round Trip")));
  Brief b;
  b.title = QStringLiteral("Brief title");
  b.video_type = VideoType::VfxShort;
  b.audience = QStringLiteral("VFX fans");
  b.selling_points = {QStringLiteral("fast"), QStringLiteral("霓虹")};
  b.target_duration_s = 42.5;
  EXPECT_TRUE(p.requestSetBrief(b));
  RenderDefaults d;
  d.fps = 24;
  d.aspect = AspectRatio::Scope239x1;
  d.width = 512;
  d.height = 216;
  d.model = QStringLiteral("sd15");
  d.sampler = QStringLiteral("dpmpp_2m_karras");
  d.steps = 30;
  d.cfg_scale = 7.5;
  EXPECT_TRUE(p.requestSetDefaults(d));
  EXPECT_TRUE(p.requestSetActTitle(2, QStringLiteral("Finale")));
  EXPECT_TRUE(p.requestSetBeats({0.5, 1.25, 2.0}));
  EXPECT_TRUE(p.requestSetAudio(AudioTrack{QStringLiteral("audio/theme.ogg"), -0.75, -6.0}));

  Shot s = p.makeShot();
  s.title = QStringLiteral("Title");
  s.prompt = QStringLiteral("a rider at dawn, 黎明");
  s.negative_prompt = QStringLiteral("blur");
  s.duration_s = 3.25;
  s.fps = 30;
  s.aspect = AspectRatio::Tall9x16;
  s.width = 144;
  s.height = 256;
  s.seed = 9007199254740991ULL;
  s.sampler = QStringLiteral("heun");
  s.steps = 12;
  s.cfg_scale = 0.5;
  s.cadence_frames = 6;
  ControlSlot depth;
  depth.enabled = true;
  depth.source = QStringLiteral("controls/depth.png");
  depth.source_kind = ControlSource::Map;
  depth.weight = 1.75;
  depth.start = 0.1;
  depth.end = 0.9;
  depth.mode = ControlMode::ControlFirst;
  s.controls.setSlot(ControlKind::Depth, depth);
  ControlSlot pose;
  pose.enabled = false;
  pose.source = QStringLiteral("pose.jpg");
  pose.weight = 0.0;
  s.controls.setSlot(ControlKind::Pose, pose);
  CameraKeyframe k0;
  k0.time_s = 0.0;
  k0.value = {0.1, -0.2, 1.5, 10.0, 0.3};
  k0.handle_out[size_t(CameraChannel::Zoom)] = 0.25;
  k0.easing = Easing::EaseInOut;
  CameraKeyframe k1;
  k1.time_s = 3.0;
  k1.value = {0.0, 0.0, 1.0, -5.0, 0.0};
  k1.handle_in[size_t(CameraChannel::Roll)] = -2.0;
  k1.easing = Easing::Hold;
  s.camera = CameraPath({k0, k1});
  s.notes = QStringLiteral("notes\nline 2");
  s.dialogue = QStringLiteral("MAYA: hi");
  Take t;
  t.id = QStringLiteral("t01");
  t.created = QDateTime(QDate(2024, 5, 1), QTime(6, 30, 15, 250), Qt::UTC);
  t.render_hash = QStringLiteral("0123abcd");
  t.frames = QStringLiteral("s01/0123abcd");
  t.flicker = 0.0125;
  Take t2 = t;
  t2.id = QStringLiteral("t02");
  t2.flicker.reset();
  s.takes = {t, t2};
  s.selected_take = QStringLiteral("t02");
  EXPECT_TRUE(p.requestInsertShot(1, 0, s));
  Shot plain = p.makeShot();
  EXPECT_TRUE(p.requestInsertShot(2, 0, plain));
  return p;
}

QJsonObject minimalRoot() {
  QJsonObject shot{{"id", "s01"}, {"duration", 2.0}};
  QJsonArray acts;
  acts.append(QJsonObject{{"shots", QJsonArray{shot}}});
  acts.append(QJsonObject{{"shots", QJsonArray{}}});
  acts.append(QJsonObject{{"shots", QJsonArray{}}});
  return {{"schema", 1}, {"app", "shotcraft"}, {"acts", acts}};
}

QString loadError(const QByteArray& bytes) {
  Project p;
  QString error;
  EXPECT_FALSE(ProjectJson::fromJson(bytes, &p, &error));
  return error;
}

QString loadError(const QJsonObject& root) { return loadError(QJsonDocument(root).toJson()); }

// Sets root.acts[act].shots[row][key] = value.
QJsonObject withShotField(QJsonObject root, int act, int row, const QString& key, const QJsonValue& value) {
  QJsonArray acts = root["acts"].toArray();
  QJsonObject a = acts[act].toObject();
  QJsonArray shots = a["shots"].toArray();
  while (shots.size() <= row) shots.append(QJsonObject{{"id", QStringLiteral("x%1").arg(shots.size())}, {"duration", 1}});
  QJsonObject s = shots[row].toObject();
  s[key] = value;
  shots[row] = s;
  a["shots"] = shots;
  acts[act] = a;
  root["acts"] = acts;
  return root;
}
}  // namespace

TEST(ProjectJson, RoundTripsEveryField) {
  const Project original = fullProject();
  ASSERT_EQ(original.validate(), QString());
  const QByteArray bytes = ProjectJson::toJson(original);
  Project loaded;
  QString error;
  ASSERT_TRUE(ProjectJson::fromJson(bytes, &loaded, &error)) << error.toStdString();
  EXPECT_EQ(loaded, original);
  EXPECT_EQ(ProjectJson::toJson(loaded), bytes);  // stable output
  const QJsonObject root = QJsonDocument::fromJson(bytes).object();
  EXPECT_EQ(root["schema"].toInt(), 1);
  EXPECT_EQ(root["app"].toString(), QStringLiteral("shotcraft"));
  EXPECT_EQ(loaded.findShot(QStringLiteral("s01"))->seed, 9007199254740991ULL);
}

TEST(ProjectJson, ControlModeRoundTripsAndAutoWritesNoKey) {
  ControlSettings controls;
  ControlSlot depth;
  depth.enabled = true;
  depth.source = QStringLiteral("d.png");
  depth.mode = ControlMode::ControlFirst;
  controls.setSlot(ControlKind::Depth, depth);
  ControlSlot canny = depth;
  canny.source = QStringLiteral("c.png");
  canny.mode = ControlMode::Balanced;
  controls.setSlot(ControlKind::Canny, canny);
  ControlSlot pose = depth;
  pose.source = QStringLiteral("p.png");
  pose.mode = ControlMode::Auto;
  controls.setSlot(ControlKind::Pose, pose);

  const QJsonObject o = ShotJson::controlsToObject(controls);
  EXPECT_EQ(o["depth"].toObject()["mode"].toString(), QStringLiteral("control_first"));
  EXPECT_EQ(o["canny"].toObject()["mode"].toString(), QStringLiteral("balanced"));
  // An auto slot writes no "mode", so files written before the field existed look the same.
  ASSERT_TRUE(o["pose"].isObject());
  EXPECT_FALSE(o["pose"].toObject().contains(QStringLiteral("mode")));

  JsonReader reader;
  const ControlSettings back = ShotJson::controlsFromObject(o, QStringLiteral("controls"), reader);
  ASSERT_TRUE(reader.ok()) << reader.error().toStdString();
  EXPECT_EQ(back.slot(ControlKind::Depth).mode, ControlMode::ControlFirst);
  EXPECT_EQ(back.slot(ControlKind::Canny).mode, ControlMode::Balanced);
  EXPECT_EQ(back.slot(ControlKind::Pose).mode, ControlMode::Auto);
  EXPECT_EQ(back, controls);

  // A slot that differs from the default only in its mode is still written.
  ControlSettings onlyMode;
  ControlSlot quiet;
  quiet.mode = ControlMode::Balanced;
  onlyMode.setSlot(ControlKind::Canny, quiet);
  JsonReader again;
  EXPECT_EQ(ShotJson::controlsFromObject(ShotJson::controlsToObject(onlyMode), QString(), again), onlyMode);
  EXPECT_TRUE(again.ok());
}

TEST(ProjectJson, MinimalFileFillsDefaults) {
  Project p;
  QString error;
  ASSERT_TRUE(ProjectJson::fromObject(minimalRoot(), &p, &error)) << error.toStdString();
  EXPECT_EQ(p.shotCount(), 1);
  EXPECT_EQ(p.findShot(QStringLiteral("s01"))->fps, 12);
  EXPECT_EQ(p.findShot(QStringLiteral("s01"))->cadence_frames, 0);  // files without "cadence" use the default
  EXPECT_EQ(p.act(1).title, QStringLiteral("Confrontation"));
}

TEST(ProjectJson, ValidationErrorsNameTheFieldPath) {
  const QJsonObject root = minimalRoot();
  EXPECT_EQ(loadError(withShotField(root, 1, 3, "duration", 0)), QStringLiteral("acts[1].shots[3].duration: must be > 0"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "duration", 601)),
            QStringLiteral("acts[0].shots[0].duration: must be <= 600 s"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "fps", 0)), QStringLiteral("acts[0].shots[0].fps: must be in 1..120"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "fps", 12.5)), QStringLiteral("acts[0].shots[0].fps: must be an integer"));
  EXPECT_EQ(loadError(withShotField(root, 2, 0, "width", 100)),
            QStringLiteral("acts[2].shots[0].width: must be a multiple of 8"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "steps", 500)), QStringLiteral("acts[0].shots[0].steps: must be in 1..200"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "cfg", -1)), QStringLiteral("acts[0].shots[0].cfg: must be in 0..30"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "cadence", 300)),
            QStringLiteral("acts[0].shots[0].cadence: must be in 0..240 (0 = the render's default)"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "sampler", "")),
            QStringLiteral("acts[0].shots[0].sampler: must not be empty"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "aspect", "5:4")),
            QStringLiteral("acts[0].shots[0].aspect: unknown aspect ratio '5:4' (use 16:9, 9:16, 1:1, 4:3, 2.39:1)"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "seed", -5)),
            QStringLiteral("acts[0].shots[0].seed: must be an integer in 0..9007199254740991"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "controls", QJsonObject{{"depth", QJsonObject{{"source", "d.png"}, {"weight", 2.5}}}})),
            QStringLiteral("acts[0].shots[0].controls.depth.weight: must be in 0..2"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "controls",
                                    QJsonObject{{"canny", QJsonObject{{"source", "c.png"}, {"start", 0.8}, {"end", 0.2}}}})),
            QStringLiteral("acts[0].shots[0].controls.canny.start: must be <= end"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "controls", QJsonObject{{"seg", QJsonObject{}}})),
            QStringLiteral("acts[0].shots[0].controls.seg: unknown control (use depth, canny, pose)"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "controls", QJsonObject{{"pose", QJsonObject{{"mode", "strong"}}}})),
            QStringLiteral("acts[0].shots[0].controls.pose.mode: must be \"auto\", \"balanced\" or \"control_first\""));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "camera",
                                    QJsonObject{{"keyframes", QJsonArray{QJsonObject{{"time", 0}, {"easing", "bounce"}}}}})),
            QStringLiteral("acts[0].shots[0].camera.keyframes[0].easing: unknown easing 'bounce' (use linear, ease-in, "
                           "ease-out, ease-in-out, hold)"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "takes", QJsonArray{QJsonObject{{"id", "t1"}}})),
            QStringLiteral("acts[0].shots[0].takes[0].created: is required"));
  EXPECT_EQ(loadError(withShotField(withShotField(root, 0, 1, "id", "s01"), 0, 1, "duration", 1)),
            QStringLiteral("acts[0].shots[1].id: duplicate shot id 's01'"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "id", "../x")),
            QStringLiteral("acts[0].shots[0].id: must use only letters, digits, '_' and '-'"));
}

TEST(ProjectJson, WrongTypesAndMissingFields) {
  QJsonObject root = minimalRoot();
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "duration", "long")),
            QStringLiteral("acts[0].shots[0].duration: must be a number (got a string)"));
  EXPECT_EQ(loadError(withShotField(root, 0, 0, "prompt", 7)),
            QStringLiteral("acts[0].shots[0].prompt: must be a string (got a number)"));
  QJsonObject noId = root;
  QJsonArray acts = noId["acts"].toArray();
  acts[0] = QJsonObject{{"shots", QJsonArray{QJsonObject{{"duration", 1}}}}};
  noId["acts"] = acts;
  EXPECT_EQ(loadError(noId), QStringLiteral("acts[0].shots[0].id: is required"));
  acts[0] = QJsonArray{};
  noId["acts"] = acts;
  EXPECT_EQ(loadError(noId), QStringLiteral("acts[0]: must be an object (got an array)"));
  QJsonObject twoActs = root;
  twoActs["acts"] = QJsonArray{QJsonObject{{"shots", QJsonArray{}}}, QJsonObject{{"shots", QJsonArray{}}}};
  EXPECT_EQ(loadError(twoActs), QStringLiteral("acts: must have exactly 3 acts (got 2)"));
  QJsonObject noActs = root;
  noActs.remove("acts");
  EXPECT_EQ(loadError(noActs), QStringLiteral("acts: is required"));
  QJsonObject badApp = root;
  badApp["app"] = "photoshop";
  EXPECT_EQ(loadError(badApp), QStringLiteral("app: must be \"shotcraft\" (got \"photoshop\")"));
  QJsonObject noSchema = root;
  noSchema.remove("schema");
  EXPECT_EQ(loadError(noSchema), QStringLiteral("schema: is required"));
  QJsonObject badBrief = root;
  badBrief["brief"] = QJsonObject{{"selling_points", QJsonArray{"ok", 3}}};
  EXPECT_EQ(loadError(badBrief), QStringLiteral("brief.selling_points[1]: must be a string (got a number)"));
  QJsonObject badBeats = root;
  badBeats["beats"] = QJsonArray{1.0, 0.5};
  EXPECT_EQ(loadError(badBeats), QStringLiteral("beats[1]: must not be before the previous beat"));
  QJsonObject badAudio = root;
  badAudio["audio"] = QJsonObject{{"path", "a.ogg"}, {"gain_db", 99}};
  EXPECT_EQ(loadError(badAudio), QStringLiteral("audio.gain_db: must be in -60..24"));
  QJsonObject badDefaults = root;
  badDefaults["defaults"] = QJsonObject{{"height", 30}};
  EXPECT_EQ(loadError(badDefaults), QStringLiteral("defaults.height: must be in 64..8192 px"));
}

TEST(ProjectJson, NewerSchemaIsRefusedWithAClearMessage) {
  QJsonObject root = minimalRoot();
  root["schema"] = 7;
  root["acts"] = "whatever a future version stores";
  EXPECT_EQ(loadError(root), QStringLiteral("project.json was written by a newer Shotcraft (schema 7 > 1)"));
  root["schema"] = 0;
  EXPECT_EQ(loadError(root), QStringLiteral("schema: must be >= 1 (got 0)"));
}

TEST(ProjectJson, GarbageTruncatedAndDeeplyNested) {
  EXPECT_EQ(loadError(QByteArray()), QStringLiteral("project.json is empty"));
  EXPECT_EQ(loadError(QByteArray("  \n")), QStringLiteral("project.json is empty"));
  const QString garbage = loadError(QByteArray("\x89PNG\r\n\x1a\n garbage"));
  EXPECT_TRUE(garbage.startsWith(QStringLiteral("project.json is not valid JSON: "))) << garbage.toStdString();
  EXPECT_TRUE(garbage.contains(QStringLiteral(" at offset "))) << garbage.toStdString();

  const QByteArray full = QJsonDocument(minimalRoot()).toJson();
  for (qsizetype cut : {qsizetype(1), full.size() / 3, full.size() / 2, full.size() - 3}) {
    const QString error = loadError(full.left(cut));
    EXPECT_TRUE(error.startsWith(QStringLiteral("project.json is not valid JSON"))) << error.toStdString();
  }
  const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
  EXPECT_TRUE(loadError(deep).contains(QStringLiteral("nested too deeply"))) << loadError(deep).toStdString();
  const QByteArray deepObject = "{\"schema\":1,\"app\":\"shotcraft\",\"acts\":" + QByteArray(5000, '[') + QByteArray(5000, ']') + "}";
  EXPECT_TRUE(loadError(deepObject).contains(QStringLiteral("nested too deeply")));
  EXPECT_EQ(loadError(QByteArray("[1,2,3]")), QStringLiteral("project.json: the top level must be a JSON object"));
  EXPECT_TRUE(loadError(QByteArray("{\"schema\":1e999}")).startsWith(QStringLiteral("schema: must be")) ||
              loadError(QByteArray("{\"schema\":1e999}")).startsWith(QStringLiteral("project.json is not valid")));
}

TEST(ProjectJson, FailedLoadLeavesTheOutputUntouched) {
  Project p = fullProject();
  const Project before = p;
  QString error;
  EXPECT_FALSE(ProjectJson::fromJson(QByteArray("{\"schema\": 1, \"app\": \"shotcraft\"}"), &p, &error));
  EXPECT_EQ(p, before);
}
