#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/render/ColourCoherence.h"
#include "core/render/TakeStore.h"
#include "tests/render/RenderFixture.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;
using test::RenderFixture;

TEST_F(RenderFixture, DraftRendersEveryFrameIntoATake) {
  std::vector<int> framesSeen;
  int steps = 0;
  const render::RenderResult r = renderShot(0, render::RenderMode::Draft, engine::CancelToken(),
                                            [&](const render::RenderProgress& p) {
                                              if (p.stage == render::RenderProgress::Stage::Frame)
                                                framesSeen.push_back(p.frame);
                                              if (p.stage == render::RenderProgress::Stage::EngineStep) ++steps;
                                            });
  ASSERT_TRUE(r.ok) << r.error.toStdString();
  EXPECT_EQ(r.framesRendered, 12);
  EXPECT_EQ(r.framesFromCache, 0);
  EXPECT_EQ(r.keyframes, 4);  // frames 0, 4, 8, 11
  EXPECT_EQ(m_engine.calls, 4);
  EXPECT_EQ(steps, 4 * 3);
  // Frames are written in order, each once.
  std::vector<int> expected(12);
  for (int i = 0; i < 12; ++i) expected[size_t(i)] = i + 1;
  EXPECT_EQ(framesSeen, expected);
  // First keyframe: text to image; the rest: img2img of the warped previous keyframe with the strength.
  ASSERT_EQ(m_engine.requests.size(), 4u);
  EXPECT_FALSE(m_engine.requests[0].init_image.has_value());
  for (size_t k = 1; k < 4; ++k) {
    ASSERT_TRUE(m_engine.requests[k].init_image.has_value());
    EXPECT_FLOAT_EQ(m_engine.requests[k].strength, float(m_settings.keyframe_strength));
    EXPECT_EQ(m_engine.requests[k].seed, 42u);  // fixed seed schedule
  }
  EXPECT_EQ(m_engine.requests[0].width, 128);  // the draft floor: 128 px wide
  EXPECT_EQ(m_engine.requests[0].steps, 3);
  // The take: a valid model take whose folder holds the frames and take.json; no partial folder.
  EXPECT_TRUE(r.take.validate().isEmpty()) << r.take.validate().toStdString();
  EXPECT_EQ(r.take.render_hash.size(), 64);
  EXPECT_EQ(r.take.frames, r.take.render_hash);
  EXPECT_FALSE(r.take_in_shot);
  EXPECT_EQ(takeFolders(), QStringList{r.take.render_hash});
  for (int i = 0; i < 12; ++i) {
    EXPECT_TRUE(QFileInfo(r.take_dir + "/" + render::TakeStore::frameFileName(i)).isFile()) << i;
  }
  EXPECT_EQ(render::TakeStore::frameFileName(0), QStringLiteral("frame_0001.png"));
  QFile json(r.take_dir + "/take.json");
  ASSERT_TRUE(json.open(QIODevice::ReadOnly));
  const QJsonObject o = QJsonDocument::fromJson(json.readAll()).object();
  EXPECT_EQ(o.value("frames").toInt(), 12);
  EXPECT_EQ(o.value("fps").toInt(), 12);
  EXPECT_EQ(o.value("width").toInt(), 128);
  EXPECT_EQ(o.value("mode").toString(), QStringLiteral("draft"));
  EXPECT_NEAR(o.value("flicker").toDouble(), r.flicker, 1e-9);
  EXPECT_GE(r.flicker, 0.0);
  ASSERT_TRUE(r.take.flicker.has_value());
  // The caller adds and selects it through the model.
  QString error;
  ASSERT_TRUE(m_project.requestAddTake(shotId(0), r.take, &error)) << error.toStdString();
  ASSERT_TRUE(m_project.requestSelectTake(shotId(0), r.take.id, &error)) << error.toStdString();
  // Rendering again finds that take in the shot.
  const render::RenderResult again = renderShot(0);
  EXPECT_TRUE(again.take_in_shot);
  EXPECT_EQ(again.take.id, r.take.id);
}

TEST_F(RenderFixture, IncrementSeedScheduleAddsTheKeyframeIndex) {
  m_settings.seed_schedule = render::SeedSchedule::Increment;
  ASSERT_TRUE(renderShot(0).ok);
  ASSERT_EQ(m_engine.requests.size(), 4u);
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(m_engine.requests[k].seed, 42u + k);
}

TEST_F(RenderFixture, FinalRefinesTheDraftKeyframesAtFullSize) {
  model::Shot s = *m_project.findShot(shotId(0));
  s.width = 256;
  s.height = 144;
  s.steps = 10;
  ASSERT_TRUE(m_project.requestUpdateShot(s));
  const render::RenderResult draft = renderShot(0, render::RenderMode::Draft);
  ASSERT_TRUE(draft.ok) << draft.error.toStdString();
  EXPECT_EQ(m_engine.requests.back().width, 128);
  EXPECT_EQ(m_engine.requests.back().steps, 6);  // min(shot steps, 6)
  m_engine.requests.clear();
  const int before = m_engine.calls;
  const render::RenderResult fin = renderShot(0, render::RenderMode::Final);
  ASSERT_TRUE(fin.ok) << fin.error.toStdString();
  EXPECT_NE(fin.take.render_hash, draft.take.render_hash);
  // The draft take is on disk: only the hires pass runs, one img2img per keyframe at the shot's size.
  EXPECT_EQ(m_engine.calls - before, 4);
  for (const auto& req : m_engine.requests) {
    EXPECT_EQ(req.width, 256);
    EXPECT_EQ(req.height, 144);
    EXPECT_EQ(req.steps, 10);
    ASSERT_TRUE(req.init_image.has_value());
    EXPECT_EQ(req.init_image->width, 256);
    EXPECT_FLOAT_EQ(req.strength, float(m_settings.hires_strength));
  }
  const cv::Mat frame = render::TakeStore(m_dir).readFrame(fin.take.render_hash, 5);
  EXPECT_EQ(frame.cols, 256);
  // Without a draft take, final draws the draft chain too.
  const int mid = m_engine.calls;
  const render::RenderResult fin2 = renderShot(1, render::RenderMode::Final);
  ASSERT_TRUE(fin2.ok);
  EXPECT_EQ(m_engine.calls - mid, 8);
}

TEST_F(RenderFixture, ColourCoherenceReducesLabDrift) {
  m_engine.castPerCall = 10;  // every img2img pushes the colours further
  auto drift = [&](bool coherence, int shot) {
    m_settings.colour_coherence = coherence;
    const render::RenderResult r = renderShot(shot);
    EXPECT_TRUE(r.ok) << r.error.toStdString();
    render::TakeStore store(m_dir);
    const render::LabStats first = render::labStats(store.readFrame(r.take.render_hash, 0));
    return render::labDrift(render::labStats(store.readFrame(r.take.render_hash, 11)), first);
  };
  const double without = drift(false, 0);
  const double with = drift(true, 0);
  EXPECT_GT(without, 3.0);
  EXPECT_LT(with, without * 0.3);
}

TEST_F(RenderFixture, ControlsArePassedPerFrameFromAStillOrASequence) {
  writePng(QStringLiteral("pose.png"), test::dotImage(64, 36, 20, 20));
  for (int i = 1; i <= 12; ++i) {
    writePng(QStringLiteral("depth_seq/depth_%1.png").arg(i), test::squareOnTexture(128, 72, 10 + 4 * i, 20, 16));
  }
  model::ControlSlot pose;
  pose.enabled = true;
  pose.source = QStringLiteral("pose.png");
  pose.source_kind = model::ControlSource::Map;
  pose.weight = 0.8;
  pose.end = 0.7;
  model::ControlSlot depth = pose;
  depth.source = QStringLiteral("depth_seq");
  depth.weight = 1.0;
  depth.end = 1.0;
  ASSERT_TRUE(m_project.requestSetControl(shotId(0), model::ControlKind::Pose, pose));
  ASSERT_TRUE(m_project.requestSetControl(shotId(0), model::ControlKind::Depth, depth));
  m_settings.inbetween = render::InbetweenMethod::EbSynth;
  const render::RenderResult r = renderShot(0);
  ASSERT_TRUE(r.ok) << r.error.toStdString();
  ASSERT_EQ(m_engine.requests.size(), 4u);
  for (const auto& req : m_engine.requests) {
    ASSERT_EQ(req.controls.size(), 2u);
    EXPECT_EQ(req.controls[0].kind, engine::ControlKind::Depth);
    EXPECT_EQ(req.controls[1].kind, engine::ControlKind::Pose);
    EXPECT_FLOAT_EQ(req.controls[1].weight, 0.8f);
    EXPECT_FLOAT_EQ(req.controls[1].end, 0.7f);
    EXPECT_EQ(req.controls[0].image.width, 128);
    EXPECT_EQ(req.controls[1].image.width, 128);  // resized to the render size
  }
  // The sequence is numbered naturally (depth_10 after depth_9): keyframe 3 is frame 11 -> depth_12.png.
  EXPECT_NE(m_engine.requests[0].controls[0].image, m_engine.requests[3].controls[0].image);
  for (auto [k, file] : {std::pair{0, 1}, std::pair{1, 5}, std::pair{3, 12}}) {
    Image expected;
    std::string e;
    ASSERT_TRUE(loadImage(QStringLiteral("%1/assets/depth_seq/depth_%2.png").arg(m_dir).arg(file).toStdString(),
                          expected, &e));
    EXPECT_TRUE(m_engine.requests[size_t(k)].controls[0].image == expected) << "keyframe " << k;
  }
  EXPECT_EQ(m_engine.requests[0].controls[1].image, m_engine.requests[3].controls[1].image);
  // Missing files give an error naming the control.
  pose.source = QStringLiteral("missing.png");
  ASSERT_TRUE(m_project.requestSetControl(shotId(1), model::ControlKind::Pose, pose));
  const render::RenderResult bad = renderShot(1);
  EXPECT_FALSE(bad.ok);
  EXPECT_TRUE(bad.error.contains(QStringLiteral("controls.pose"))) << bad.error.toStdString();
  EXPECT_TRUE(bad.error.contains(QStringLiteral("missing.png"))) << bad.error.toStdString();
}

TEST_F(RenderFixture, EngineFailureLeavesNoTake) {
  m_engine.failWith = true;
  const render::RenderResult r = renderShot(0);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.cancelled);
  EXPECT_TRUE(r.error.contains(QStringLiteral("fake failure"))) << r.error.toStdString();
  EXPECT_TRUE(takeFolders().isEmpty());
  EXPECT_FALSE(renderShot(0, render::RenderMode::Draft).ok);
  render::ShotRenderer renderer(m_engine, m_settings);
  EXPECT_FALSE(renderer.renderShot(m_project, QStringLiteral("nope"), m_dir, render::RenderMode::Draft, {},
                                   engine::CancelToken()).ok);
}
