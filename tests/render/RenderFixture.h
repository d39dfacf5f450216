#pragma once
// A small project on disk (two 1-second shots at 12 fps, 128x72) and a fake engine, for ShotRenderer tests.
#include <gtest/gtest.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/model/Project.h"
#include "core/render/ShotRenderer.h"
#include "tests/common/FakeEngine.h"

namespace shotcraft::test {

class RenderFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_tmp.isValid());
    m_dir = m_tmp.filePath(QStringLiteral("Test.shotcraft"));
    ASSERT_TRUE(QDir().mkpath(m_dir + QStringLiteral("/assets")));
    for (int i = 0; i < 2; ++i) {
      model::Shot s = m_project.makeShot();
      s.prompt = i == 0 ? QStringLiteral("a lighthouse at night") : QStringLiteral("a fox in the snow");
      s.width = 128;
      s.height = 72;
      s.fps = 12;
      s.duration_s = 1.0;
      s.seed = 42 + uint64_t(i);
      s.steps = 3;
      model::CameraKeyframe a, b;
      b.time_s = 1.0;
      b.set(model::CameraChannel::PanX, 0.1);
      b.set(model::CameraChannel::Zoom, 1.2);
      s.camera = model::CameraPath({a, b});
      QString error;
      ASSERT_TRUE(m_project.requestInsertShot(0, i, s, &error)) << error.toStdString();
    }
    m_settings.cadence_frames = 4;
  }

  QString shotId(int i) const { return m_project.act(0).shots[size_t(i)].id; }

  render::RenderResult renderShot(int i, render::RenderMode mode = render::RenderMode::Draft,
                                  const engine::CancelToken& cancel = engine::CancelToken(),
                                  const render::ProgressFn& progress = {}) {
    render::ShotRenderer renderer(m_engine, m_settings);
    return renderer.renderShot(m_project, shotId(i), m_dir, mode, progress, cancel);
  }

  // Folders under takes/.
  QStringList takeFolders() const {
    return QDir(m_dir + QStringLiteral("/takes")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  }

  void writePng(const QString& relative, const cv::Mat& rgb) {
    const QString path = QDir(m_dir + QStringLiteral("/assets")).filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    ASSERT_TRUE(cv::imwrite(path.toStdString(), bgr));
  }

  // Writes assets/<relative> and makes it shot i's depth control (an enabled map).
  void useDepthMap(int i, const cv::Mat& rgb, const QString& relative = QStringLiteral("depth.png")) {
    writePng(relative, rgb);
    model::ControlSlot depth;
    depth.enabled = true;
    depth.source = relative;
    depth.source_kind = model::ControlSource::Map;
    ASSERT_TRUE(m_project.requestSetControl(shotId(i), model::ControlKind::Depth, depth));
  }

  QTemporaryDir m_tmp;
  QString m_dir;
  model::Project m_project;
  FakeEngine m_engine;
  render::RenderSettings m_settings;
};

}  // namespace shotcraft::test
