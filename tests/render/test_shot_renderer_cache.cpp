#include <QFile>
#include <QJsonObject>

#include "core/render/ControlFrames.h"
#include "core/render/TakeStore.h"
#include "tests/render/RenderFixture.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;
using test::RenderFixture;

TEST_F(RenderFixture, UnchangedShotComesFromTheCache) {
  const render::RenderResult first = renderShot(0);
  ASSERT_TRUE(first.ok) << first.error.toStdString();
  const int calls = m_engine.calls;
  bool sawCached = false;
  const render::RenderResult second = renderShot(0, render::RenderMode::Draft, engine::CancelToken(),
                                                 [&](const render::RenderProgress& p) {
                                                   sawCached |= p.stage == render::RenderProgress::Stage::Cached;
                                                 });
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(second.framesFromCache, 12);
  EXPECT_EQ(second.framesRendered, 0);
  EXPECT_EQ(m_engine.calls, calls);
  EXPECT_TRUE(sawCached);
  EXPECT_EQ(second.take.render_hash, first.take.render_hash);
  EXPECT_NEAR(second.flicker, first.flicker, 1e-9);
  // Title, notes and dialogue are not render inputs.
  ASSERT_TRUE(m_project.requestSetShotNotes(shotId(0), QStringLiteral("new notes")));
  ASSERT_TRUE(m_project.requestSetShotTitle(shotId(0), QStringLiteral("new title")));
  EXPECT_EQ(renderShot(0).framesFromCache, 12);
}

TEST_F(RenderFixture, ChangedInputsMissTheCache) {
  const render::RenderResult first = renderShot(0);
  ASSERT_TRUE(first.ok);
  render::ShotRenderer renderer(m_engine, m_settings);
  QString error;
  auto key = [&] { return renderer.cacheKey(m_project, shotId(0), m_dir, render::RenderMode::Draft, &error); };
  EXPECT_EQ(key().value_or(QString()), first.take.render_hash);
  const model::Project original = m_project;
  auto expectMiss = [&](const char* what) {
    const auto k = key();
    ASSERT_TRUE(k.has_value()) << error.toStdString();
    EXPECT_NE(*k, first.take.render_hash) << what;
    m_project = original;
  };
  ASSERT_TRUE(m_project.requestSetShotPrompt(shotId(0), QStringLiteral("a lighthouse at dawn")));
  expectMiss("prompt");
  ASSERT_TRUE(m_project.requestSetShotNegativePrompt(shotId(0), QStringLiteral("fog")));
  expectMiss("negative");
  ASSERT_TRUE(m_project.requestSetShotSeed(shotId(0), 43));
  expectMiss("seed");
  ASSERT_TRUE(m_project.requestSetShotSampler(shotId(0), QStringLiteral("ddim"), 3, 5.0));
  expectMiss("sampler");
  ASSERT_TRUE(m_project.requestSetShotSampler(shotId(0), QStringLiteral("euler_a"), 4, 5.0));
  expectMiss("steps");
  ASSERT_TRUE(m_project.requestSetShotSampler(shotId(0), QStringLiteral("euler_a"), 3, 6.5));
  expectMiss("cfg");
  ASSERT_TRUE(m_project.requestSetShotFps(shotId(0), 24));
  expectMiss("fps");
  model::CameraPath path = m_project.findShot(shotId(0))->camera;
  path.keyframes()[1].handle_out[0] = 0.01;
  path.keyframes()[0].easing = model::Easing::EaseIn;
  ASSERT_TRUE(m_project.requestSetCameraPath(shotId(0), path));
  expectMiss("camera");
  EXPECT_NE(renderer.cacheKey(m_project, shotId(0), m_dir, render::RenderMode::Final, &error).value_or(QString()),
            first.take.render_hash);
  render::RenderSettings other = m_settings;
  other.cadence_frames = 3;
  EXPECT_NE(render::ShotRenderer(m_engine, other).cacheKey(m_project, shotId(0), m_dir, render::RenderMode::Draft,
                                                           &error),
            first.take.render_hash);
  other = m_settings;
  other.keyframe_strength = 0.5;
  EXPECT_NE(render::ShotRenderer(m_engine, other).cacheKey(m_project, shotId(0), m_dir, render::RenderMode::Draft,
                                                           &error),
            first.take.render_hash);

  // A changed prompt renders anew; the old take stays on disk.
  const int calls = m_engine.calls;
  ASSERT_TRUE(m_project.requestSetShotPrompt(shotId(0), QStringLiteral("a lighthouse at dawn")));
  const render::RenderResult changed = renderShot(0);
  ASSERT_TRUE(changed.ok);
  EXPECT_EQ(changed.framesFromCache, 0);
  EXPECT_EQ(changed.framesRendered, 12);
  EXPECT_GT(m_engine.calls, calls);
  EXPECT_EQ(takeFolders().size(), 2);
}

TEST_F(RenderFixture, ShotCadenceOverridesTheRenderDefault) {
  QString error;
  auto key = [&](const render::RenderSettings& s) {
    return render::ShotRenderer(m_engine, s).cacheKey(m_project, shotId(0), m_dir, render::RenderMode::Draft, &error)
        .value_or(QString());
  };
  const QString byDefault = key(m_settings);
  render::RenderSettings three = m_settings;
  three.cadence_frames = 3;
  const QString renderThree = key(three);
  ASSERT_NE(renderThree, byDefault);
  // A shot's own cadence of 3 is the same render as a default of 3, whatever the default.
  ASSERT_TRUE(m_project.requestSetShotCadence(shotId(0), 3));
  EXPECT_EQ(key(m_settings), renderThree);
  EXPECT_EQ(key(three), renderThree);
  // Its own cadence equal to the default changes nothing; 0 means "the default".
  ASSERT_TRUE(m_project.requestSetShotCadence(shotId(0), m_settings.cadence_frames));
  EXPECT_EQ(key(m_settings), byDefault);
  ASSERT_TRUE(m_project.requestSetShotCadence(shotId(0), 0));
  EXPECT_EQ(key(m_settings), byDefault);
  EXPECT_FALSE(m_project.requestSetShotCadence(shotId(0), 241, &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("shots")) || error.contains(QStringLiteral("cadence"))) << error.toStdString();

  // 12 frames: keyframes 0,4,8,11 by default; 0,2,4,6,8,10,11 with the shot's cadence 2.
  const int before = m_engine.calls;
  ASSERT_TRUE(renderShot(0).ok);
  const int byDefaultCalls = m_engine.calls - before;
  ASSERT_TRUE(m_project.requestSetShotCadence(shotId(0), 2));
  const int mid = m_engine.calls;
  ASSERT_TRUE(renderShot(0).ok);
  EXPECT_EQ(render::ShotRenderer::keyframeIndices(12, 2).size(), 7u);
  EXPECT_EQ(render::ShotRenderer::keyframeIndices(12, m_settings.cadence_frames).size(), 4u);
  EXPECT_EQ((m_engine.calls - mid) * 4, byDefaultCalls * 7);
}

TEST_F(RenderFixture, ChangingAnotherShotKeepsThisShotCached) {
  ASSERT_TRUE(renderShot(0).ok);
  ASSERT_TRUE(renderShot(1).ok);
  ASSERT_TRUE(m_project.requestSetShotPrompt(shotId(1), QStringLiteral("a fox in the rain")));
  ASSERT_TRUE(m_project.requestSetShotDuration(shotId(1), 2.0));
  EXPECT_EQ(renderShot(0).framesFromCache, 12);
  const render::RenderResult redrawn = renderShot(1);
  EXPECT_EQ(redrawn.framesFromCache, 0);
  EXPECT_EQ(redrawn.framesRendered, 24);
}

TEST_F(RenderFixture, ControlFileContentsArePartOfTheKey) {
  ASSERT_NO_FATAL_FAILURE(useDepthMap(0, test::dotImage(64, 36, 20, 20)));
  const render::RenderResult first = renderShot(0);
  ASSERT_TRUE(first.ok) << first.error.toStdString();
  EXPECT_EQ(renderShot(0).framesFromCache, 12);
  writePng(QStringLiteral("depth.png"), test::dotImage(64, 36, 30, 20));  // same name, new pixels
  const render::RenderResult second = renderShot(0);
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(second.framesFromCache, 0);
  EXPECT_NE(second.take.render_hash, first.take.render_hash);
}

TEST_F(RenderFixture, IncompleteTakeIsNotACacheHit) {
  const render::RenderResult first = renderShot(0);
  ASSERT_TRUE(first.ok);
  ASSERT_TRUE(QFile::remove(first.take_dir + "/" + render::TakeStore::frameFileName(7)));
  const render::RenderResult again = renderShot(0);
  ASSERT_TRUE(again.ok);
  EXPECT_EQ(again.framesRendered, 12);
  EXPECT_TRUE(QFileInfo(first.take_dir + "/" + render::TakeStore::frameFileName(7)).isFile());
}

TEST_F(RenderFixture, CancellingInTheEngineLeavesNoTake) {
  engine::CancelToken cancel;
  m_engine.beforeCall = [&](int call) {
    if (call == 3) cancel.cancel();
  };
  const model::Project before = m_project;
  const render::RenderResult r = renderShot(0, render::RenderMode::Draft, cancel);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.cancelled);
  EXPECT_TRUE(r.take.id.isEmpty());
  EXPECT_TRUE(takeFolders().isEmpty()) << takeFolders().join(',').toStdString();  // no <hash>, no .partial
  EXPECT_EQ(m_project, before);
  // The next render starts clean and completes.
  m_engine.beforeCall = nullptr;
  const render::RenderResult next = renderShot(0);
  ASSERT_TRUE(next.ok);
  EXPECT_EQ(next.framesRendered, 12);
  EXPECT_EQ(takeFolders(), QStringList{next.take.render_hash});
}

TEST_F(RenderFixture, CancellingBetweenFramesLeavesNoTake) {
  engine::CancelToken cancel;
  const render::RenderResult r = renderShot(0, render::RenderMode::Draft, cancel, [&](const render::RenderProgress& p) {
    if (p.stage == render::RenderProgress::Stage::Frame && p.frame == 6) cancel.cancel();
  });
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.cancelled);
  EXPECT_TRUE(takeFolders().isEmpty()) << takeFolders().join(',').toStdString();
}

TEST_F(RenderFixture, ControlModeReachesTheEngineAndIsPartOfTheKey) {
  ASSERT_NO_FATAL_FAILURE(useDepthMap(0, test::dotImage(64, 36, 20, 20)));
  auto setMode = [&](model::ControlMode mode) {
    model::ControlSlot depth = m_project.findShot(shotId(0))->controls.slot(model::ControlKind::Depth);
    depth.mode = mode;
    ASSERT_TRUE(m_project.requestSetControl(shotId(0), model::ControlKind::Depth, depth));
  };
  auto loaded = [&] {
    render::ControlFrames frames;
    std::string error;
    EXPECT_TRUE(frames.load(*m_project.findShot(shotId(0)), m_dir, &error)) << error;
    return frames;
  };

  render::ControlFrames autoFrames = loaded();
  std::vector<engine::ControlInput> inputs;
  std::string error;
  ASSERT_TRUE(autoFrames.controlsAt(0, 64, 36, &inputs, &error)) << error;
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0].mode, engine::ControlMode::Auto);
  const QJsonArray autoHash = autoFrames.hashJson();
  ASSERT_EQ(autoHash.size(), 1);
  EXPECT_EQ(autoHash[0].toObject()["mode"].toString(), QStringLiteral("auto"));  // written even for auto

  for (model::ControlMode mode : {model::ControlMode::ControlFirst, model::ControlMode::Balanced}) {
    ASSERT_NO_FATAL_FAILURE(setMode(mode));
    render::ControlFrames frames = loaded();
    ASSERT_TRUE(frames.controlsAt(0, 64, 36, &inputs, &error)) << error;
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].mode, mode);
    EXPECT_NE(frames.hashJson(), autoHash) << engine::controlModeName(mode);
  }

  // The render passes it on, and a changed mode misses the cache.
  ASSERT_NO_FATAL_FAILURE(setMode(model::ControlMode::ControlFirst));
  const render::RenderResult first = renderShot(0);
  ASSERT_TRUE(first.ok) << first.error.toStdString();
  ASSERT_FALSE(m_engine.requests.empty());
  ASSERT_EQ(m_engine.requests.back().controls.size(), 1u);
  EXPECT_EQ(m_engine.requests.back().controls[0].mode, engine::ControlMode::ControlFirst);
  ASSERT_NO_FATAL_FAILURE(setMode(model::ControlMode::Balanced));
  const render::RenderResult second = renderShot(0);
  ASSERT_TRUE(second.ok) << second.error.toStdString();
  EXPECT_EQ(second.framesFromCache, 0);
  EXPECT_NE(second.take.render_hash, first.take.render_hash);
}

TEST(ControlFrames, SequenceFilesAreInNaturalOrder) {
  QTemporaryDir tmp;
  for (const char* name : {"f_10.png", "f_2.png", "f_1.png", "notes.txt", "f_9.png"}) {
    QFile f(tmp.filePath(QString::fromLatin1(name)));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  }
  QStringList names;
  for (const QString& p : render::sequenceFiles(tmp.path())) names << QFileInfo(p).fileName();
  EXPECT_EQ(names, (QStringList{"f_1.png", "f_2.png", "f_9.png", "f_10.png"}));
}
