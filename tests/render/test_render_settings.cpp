#include <gtest/gtest.h>

#include "core/model/Shot.h"
#include "core/render/RenderSettings.h"
#include "core/render/ShotRenderer.h"

using namespace shotcraft;
using render::FrameSize;

TEST(RenderSettings, DraftSizeRules) {
  EXPECT_EQ(render::draftSize(256, 144), (FrameSize{128, 72}));
  EXPECT_EQ(render::draftSize(1280, 720), (FrameSize{640, 360}));
  EXPECT_EQ(render::draftSize(128, 72), (FrameSize{128, 72}));   // already at the floor
  EXPECT_EQ(render::draftSize(64, 64), (FrameSize{64, 64}));     // never larger than the shot
  EXPECT_EQ(render::draftSize(144, 256), (FrameSize{72, 128}));  // portrait: the long side is the height
  EXPECT_EQ(render::draftSize(512, 512), (FrameSize{256, 256}));
  const FrameSize scope = render::draftSize(256, 104);  // 2.39:1: the short side stays >= 64
  EXPECT_GE(scope.height, 64);
  EXPECT_EQ(scope.width % 8, 0);
  EXPECT_EQ(scope.height % 8, 0);
  EXPECT_EQ(render::draftSteps(8, 6), 6);
  EXPECT_EQ(render::draftSteps(4, 6), 4);
  EXPECT_EQ(render::draftSteps(0, 6), 1);
}

TEST(RenderSettings, ModeSizesAndSteps) {
  model::Shot shot;
  shot.width = 256;
  shot.height = 144;
  shot.steps = 20;
  render::RenderSettings s;
  EXPECT_EQ(render::renderSize(shot, render::RenderMode::Draft), (FrameSize{128, 72}));
  EXPECT_EQ(render::renderSize(shot, render::RenderMode::Final), (FrameSize{256, 144}));
  EXPECT_EQ(render::renderSteps(shot, render::RenderMode::Draft, s), 6);
  EXPECT_EQ(render::renderSteps(shot, render::RenderMode::Final, s), 20);
}

TEST(RenderSettings, ValidateNamesTheField) {
  render::RenderSettings s;
  EXPECT_EQ(s.validate(), QString());
  s.cadence_frames = 0;
  EXPECT_TRUE(s.validate().startsWith(QStringLiteral("cadence_frames")));
  s = {};
  s.keyframe_strength = 1.5;
  EXPECT_TRUE(s.validate().startsWith(QStringLiteral("keyframe_strength")));
}

TEST(RenderSettings, KeyframeIndicesIncludeTheLastFrame) {
  EXPECT_EQ(render::ShotRenderer::keyframeIndices(12, 4), (std::vector<int>{0, 4, 8, 11}));
  EXPECT_EQ(render::ShotRenderer::keyframeIndices(9, 4), (std::vector<int>{0, 4, 8}));
  EXPECT_EQ(render::ShotRenderer::keyframeIndices(1, 4), (std::vector<int>{0}));
  EXPECT_EQ(render::ShotRenderer::keyframeIndices(3, 1), (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(render::ShotRenderer::keyframeIndices(0, 4).empty());
}
