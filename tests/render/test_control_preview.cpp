// What the studio shows of a control slot (render::controlPreview) and "from previous shot" controls reaching the
// engine through ShotRenderer.
#include <QDir>

#include "core/render/ControlPreview.h"
#include "tests/render/RenderFixture.h"
#include "tests/render/TestImages.h"

using namespace shotcraft;
using test::RenderFixture;

namespace {
model::ControlSlot slotFor(const QString& source, model::ControlSource kind) {
  model::ControlSlot s;
  s.enabled = true;
  s.source = source;
  s.source_kind = kind;
  return s;
}

int brightPixels(const Image& img) {
  int n = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) n += img.pixel(x, y)[0] > 200 ? 1 : 0;
  return n;
}
}  // namespace

TEST_F(RenderFixture, ControlPreviewFindsCannyEdgesInAPictureAndKeepsAMap) {
  cv::Mat box(72, 128, CV_8UC3, cv::Scalar(0, 0, 0));
  cv::rectangle(box, cv::Rect(32, 16, 64, 40), cv::Scalar(255, 255, 255), cv::FILLED);
  writePng(QStringLiteral("box.png"), box);
  const QString assets = m_dir + QStringLiteral("/assets");
  Image out;
  QString error;
  ASSERT_TRUE(render::controlPreview(slotFor(QStringLiteral("box.png"), model::ControlSource::Image),
                                     model::ControlKind::Canny, assets, 0, &out, &error))
      << error.toStdString();
  ASSERT_EQ(out.width, 128);
  EXPECT_EQ(out.pixel(64, 36)[0], 0);  // inside the box: no edge
  EXPECT_GT(brightPixels(out), 150);   // the outline
  EXPECT_LT(brightPixels(out), 64 * 40);
  // A ready map is shown as it is, scaled down to maxSide.
  ASSERT_TRUE(render::controlPreview(slotFor(QStringLiteral("box.png"), model::ControlSource::Map),
                                     model::ControlKind::Canny, assets, 64, &out, &error));
  EXPECT_EQ(out.width, 64);
  EXPECT_EQ(out.height, 36);
  EXPECT_EQ(out.pixel(32, 18)[0], 255);
}

TEST_F(RenderFixture, ControlPreviewOfASequenceMissingFileAndUnextractablePicture) {
  for (int i : {2, 10}) writePng(QStringLiteral("seq/f_%1.png").arg(i), test::dotImage(64, 36, 10 * i, 10));
  const QString assets = m_dir + QStringLiteral("/assets");
  Image out;
  QString error;
  ASSERT_TRUE(render::controlPreview(slotFor(QStringLiteral("seq"), model::ControlSource::Map),
                                     model::ControlKind::Pose, assets, 0, &out, &error));
  EXPECT_EQ(out.width, 64);
  EXPECT_FALSE(render::controlPreview(slotFor(QStringLiteral("nope.png"), model::ControlSource::Map),
                                      model::ControlKind::Depth, assets, 0, &out, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("assets/nope.png"))) << error.toStdString();
  EXPECT_TRUE(out.empty());
  // A depth map cannot be extracted from a picture: the picture comes back with the reason.
  EXPECT_FALSE(render::controlPreview(slotFor(QStringLiteral("seq"), model::ControlSource::Image),
                                      model::ControlKind::Depth, assets, 0, &out, &error));
  EXPECT_FALSE(out.empty());
  EXPECT_TRUE(error.contains(QStringLiteral("depth"))) << error.toStdString();
  EXPECT_FALSE(render::controlPreview(model::ControlSlot{}, model::ControlKind::Depth, assets, 0, &out, &error));
}

TEST_F(RenderFixture, FromPreviousShotControlUsesTheEarlierShotsFileWithItsOwnWeight) {
  writePng(QStringLiteral("pose.png"), test::dotImage(64, 36, 20, 20));
  model::ControlSlot pose = slotFor(QStringLiteral("pose.png"), model::ControlSource::Map);
  ASSERT_TRUE(m_project.requestSetControl(shotId(0), model::ControlKind::Pose, pose));
  model::ControlSlot inherited;
  inherited.enabled = true;
  inherited.origin = model::ControlOrigin::PreviousShot;
  inherited.weight = 0.6;
  ASSERT_TRUE(m_project.requestSetControl(shotId(1), model::ControlKind::Pose, inherited));
  const render::RenderResult r = renderShot(1);
  ASSERT_TRUE(r.ok) << r.error.toStdString();
  ASSERT_FALSE(m_engine.requests.empty());
  for (const auto& req : m_engine.requests) {
    ASSERT_EQ(req.controls.size(), 1u);
    EXPECT_EQ(req.controls[0].kind, engine::ControlKind::Pose);
    EXPECT_FLOAT_EQ(req.controls[0].weight, 0.6f);
    EXPECT_EQ(req.controls[0].image.width, 128);
  }
  // Changing the earlier shot's file changes this shot's cache key.
  render::ShotRenderer renderer(m_engine, m_settings);
  QString error;
  const auto before = renderer.cacheKey(m_project, shotId(1), m_dir, render::RenderMode::Draft, &error);
  writePng(QStringLiteral("pose2.png"), test::dotImage(64, 36, 40, 10));
  pose.source = QStringLiteral("pose2.png");
  ASSERT_TRUE(m_project.requestSetControl(shotId(0), model::ControlKind::Pose, pose));
  const auto after = renderer.cacheKey(m_project, shotId(1), m_dir, render::RenderMode::Draft, &error);
  ASSERT_TRUE(before && after) << error.toStdString();
  EXPECT_NE(*before, *after);
}
