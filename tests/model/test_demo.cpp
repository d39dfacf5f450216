#include <gtest/gtest.h>

#include <QFileInfo>
#include <QRegularExpression>

#include "core/model/ProjectIo.h"
#include "tests/common/TestUtil.h"

using namespace shotcraft::model;

TEST(DemoProject, ValidatesAndFitsThePromoBrief) {
  const QString folder = QString::fromStdString(shotcraft::test::sourcePath("resources/demo/NeonDawn.shotcraft"));
  EXPECT_TRUE(QFileInfo(folder + "/assets").isDir());
  EXPECT_TRUE(QFileInfo(folder + "/takes").isDir());
  Project p;
  QString error;
  ASSERT_TRUE(ProjectIo::load(folder, &p, &error)) << error.toStdString();
  EXPECT_GE(p.shotCount(), 8);
  EXPECT_LE(p.shotCount(), 12);
  EXPECT_GE(p.totalDuration_s(), 30.0);
  EXPECT_LE(p.totalDuration_s(), 60.0);
  EXPECT_EQ(p.brief().video_type, VideoType::Promo);
  EXPECT_EQ(p.defaults().fps, 12);
  EXPECT_EQ(p.defaults().width, 256);
  EXPECT_EQ(p.defaults().height, 144);
  EXPECT_EQ(p.defaults().sampler, QStringLiteral("euler_a"));
  int withCamera = 0;
  int withControls = 0;
  int chinese = 0;
  for (const Act& act : p.acts()) {
    EXPECT_FALSE(act.shots.empty());
    for (const Shot& s : act.shots) {
      EXPECT_EQ(s.fps, 12);
      EXPECT_EQ(s.aspect, AspectRatio::Wide16x9);
      EXPECT_EQ(s.steps, 8);
      EXPECT_FALSE(s.prompt.isEmpty());
      withCamera += s.camera.isEmpty() ? 0 : 1;
      withControls += s.controls.activeCount() > 0 ? 1 : 0;
      chinese += s.prompt.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))) ? 1 : 0;
    }
  }
  EXPECT_GE(withCamera, 3);
  EXPECT_GE(withControls, 2);
  EXPECT_GE(chinese, 2);
}
