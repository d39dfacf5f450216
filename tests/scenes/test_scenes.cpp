// Procedural storyboard scenes: sampling, rendering, control maps and prompts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>

#include "core/scenes/Prompt.h"
#include "core/scenes/SceneRenderer.h"

using namespace shotcraft::scenes;

namespace {

bool sameBytes(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return false;
  return std::memcmp(a.data, b.data, a.total() * a.elemSize()) == 0;
}

bool visible(cv::Point2f p) { return !std::isnan(p.x) && !std::isnan(p.y); }

int containsAny(const std::string& text, const std::vector<std::string>& phrases) {
  int n = 0;
  for (const auto& p : phrases) n += text.find(p) != std::string::npos ? 1 : 0;
  return n;
}

SceneSample render(uint64_t seed, int w = kDefaultWidth, int h = kDefaultHeight) {
  return renderScene(sampleScene(seed), w, h, seed * 7 + 1);
}

// Checks that hold for every rendered sample at any size.
void checkSample(const SceneSample& s, int w, int h) {
  ASSERT_EQ(s.rgb.type(), CV_8UC3);
  ASSERT_EQ(s.depth.type(), CV_8UC1);
  ASSERT_EQ(s.canny.type(), CV_8UC1);
  ASSERT_EQ(s.pose.type(), CV_8UC3);
  for (const cv::Mat* m : {&s.rgb, &s.depth, &s.canny, &s.pose}) ASSERT_EQ(m->size(), cv::Size(w, h));
  ASSERT_EQ(s.keypoints.size(), s.spec.figures.size());
  cv::Mat grey;
  cv::cvtColor(s.pose, grey, cv::COLOR_RGB2GRAY);
  EXPECT_EQ(cv::countNonZero(grey) > 0, !s.spec.figures.empty()) << "pose map must be drawn exactly when figures exist";
  EXPECT_EQ(cv::countNonZero(s.canny == 0) + cv::countNonZero(s.canny == 255), w * h) << "canny is binary";
  for (const auto& kp : s.keypoints) {
    ASSERT_TRUE(visible(kp[kNeck])) << "the neck is always in frame";
    for (const auto& p : kp) {
      if (!visible(p)) continue;
      EXPECT_GE(p.x, 0.0f);
      EXPECT_GE(p.y, 0.0f);
      EXPECT_LE(p.x, float(w - 1));
      EXPECT_LE(p.y, float(h - 1));
    }
    // Figures are nearer than the sky: their pixels are never depth 0.
    EXPECT_GT(s.depth.at<uchar>(cv::Point(kp[kNeck])), 0);
  }
  if (!s.keypoints.empty()) {
    // The nearest figure is drawn last from its skeleton: its torso has one depth from neck to hips, and its
    // highest-index visible keypoint is the last dot on the pose map, in OpenPose's colour for that point.
    const auto& kp = s.keypoints.back();
    const cv::Point2f hips = (kp[kRHip] + kp[kLHip]) * 0.5f;
    const cv::Point2f chest = kp[kNeck] * 0.6f + hips * 0.4f;
    EXPECT_EQ(s.depth.at<uchar>(cv::Point(chest)), s.depth.at<uchar>(cv::Point(kp[kNeck] * 0.3f + hips * 0.7f)));
    for (int k = kKeypointCount - 1; k >= 0; --k) {
      if (!visible(kp[size_t(k)])) continue;
      const cv::Point q(int(std::lround(kp[size_t(k)].x)), int(std::lround(kp[size_t(k)].y)));
      EXPECT_EQ(s.pose.at<cv::Vec3b>(q), openPoseColours()[size_t(k)]) << "keypoint " << k;
      break;
    }
  }
}

}  // namespace

TEST(Scenes, SameSeedGivesIdenticalBytes) {
  for (uint64_t seed : {0ull, 1ull, 77ull, 123456789ull}) {
    EXPECT_EQ(sampleScene(seed), sampleScene(seed));
    const SceneSample a = render(seed), b = render(seed);
    EXPECT_TRUE(sameBytes(a.rgb, b.rgb));
    EXPECT_TRUE(sameBytes(a.depth, b.depth));
    EXPECT_TRUE(sameBytes(a.canny, b.canny));
    EXPECT_TRUE(sameBytes(a.pose, b.pose));
    EXPECT_EQ(a.prompt_en, b.prompt_en);
    EXPECT_EQ(a.prompt_zh, b.prompt_zh);
    ASSERT_EQ(a.keypoints.size(), b.keypoints.size());
    for (size_t i = 0; i < a.keypoints.size(); ++i) {
      EXPECT_EQ(std::memcmp(a.keypoints[i].data(), b.keypoints[i].data(), sizeof(Keypoints)), 0);
    }
  }
}

TEST(Scenes, DifferentSeedsDiffer) {
  std::set<std::string> prompts;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const SceneSample a = render(seed), b = render(seed + 1000);
    EXPECT_FALSE(sameBytes(a.rgb, b.rgb)) << seed;
    prompts.insert(a.prompt_en);
  }
  EXPECT_GE(prompts.size(), 18u);
}

TEST(Scenes, AttributesCoverEveryValue) {
  std::set<int> times, types, counts, weathers, palettes, poses, cameras;
  for (uint64_t seed = 0; seed < 400; ++seed) {
    const SceneSpec s = sampleScene(seed);
    times.insert(int(s.time));
    types.insert(int(s.type));
    counts.insert(int(s.figures.size()));
    weathers.insert(int(s.weather));
    palettes.insert(int(s.palette));
    cameras.insert(int(s.camera));
    ASSERT_LE(s.figures.size(), size_t(kMaxFigures));
    for (size_t i = 0; i < s.figures.size(); ++i) {
      poses.insert(int(s.figures[i].pose));
      EXPECT_GT(s.figures[i].foot_y_frac, s.horizon_frac) << "feet below the horizon";
      if (i) {
        EXPECT_LE(s.figures[i - 1].foot_y_frac, s.figures[i].foot_y_frac) << "sorted far to near";
      }
    }
  }
  EXPECT_EQ(times.size(), size_t(kTimeOfDayCount));
  EXPECT_EQ(types.size(), size_t(kSceneTypeCount));
  EXPECT_EQ(counts.size(), size_t(kMaxFigures + 1));
  EXPECT_EQ(weathers.size(), size_t(kWeatherCount));
  EXPECT_EQ(palettes.size(), size_t(kPaletteCount));
  EXPECT_EQ(poses.size(), size_t(kPoseCount));
  EXPECT_EQ(cameras.size(), size_t(kCameraHeightCount));
}

TEST(Scenes, MapsAreConsistentAtTheDefaultSize) {
  int with_figures = 0;
  for (uint64_t seed = 0; seed < 120; ++seed) {
    const SceneSample s = render(seed);
    SCOPED_TRACE(s.prompt_en);
    checkSample(s, kDefaultWidth, kDefaultHeight);
    with_figures += s.spec.figures.empty() ? 0 : 1;
    // Depth: the bottom row is the nearest ground; outdoors the top row shows sky (0) or clouds (6), farther
    // than every figure.
    EXPECT_GE(s.depth.at<uchar>(kDefaultHeight - 1, kDefaultWidth / 2), 240);
    if (!isInterior(s.spec.type) && s.spec.type != SceneType::CyberpunkCity) {
      double lo = 0;
      cv::minMaxLoc(s.depth.row(0), &lo);
      EXPECT_LE(lo, 6.0);
      for (const auto& kp : s.keypoints) EXPECT_GT(s.depth.at<uchar>(cv::Point(kp[kNeck])), lo + 20);
    }
  }
  EXPECT_GT(with_figures, 60);
}

TEST(Scenes, OtherSizesWork) {
  for (const cv::Size size : {cv::Size(144, 256), cv::Size(192, 192), cv::Size(512, 288), cv::Size(64, 36)}) {
    for (uint64_t seed = 0; seed < 24; ++seed) {
      const SceneSample s = render(seed, size.width, size.height);
      SCOPED_TRACE(std::to_string(size.width) + "x" + std::to_string(size.height) + " " + s.prompt_en);
      checkSample(s, size.width, size.height);
    }
  }
  const SceneSample tiny = render(3, 8, 8);
  EXPECT_TRUE(tiny.rgb.empty());
  EXPECT_FALSE(tiny.prompt_en.empty());
}

TEST(Scenes, BackViewsHideTheFace) {
  FigureSpec f;
  f.yaw_deg = 180.0f;
  Skeleton back = buildSkeleton(f, 256, 144);
  EXPECT_FALSE(back.visible[kNose]);
  EXPECT_FALSE(back.visible[kREye]);
  EXPECT_TRUE(back.visible[kREar]);
  // Facing the camera, the person's right shoulder is on screen-left; in profile the far eye is hidden.
  f.yaw_deg = 0.0f;
  Skeleton front = buildSkeleton(f, 256, 144);
  EXPECT_LT(front.points[kRShoulder].x, front.points[kLShoulder].x);
  EXPECT_TRUE(front.visible[kNose] && front.visible[kREye] && front.visible[kLEye]);
  f.yaw_deg = 90.0f;
  Skeleton profile = buildSkeleton(f, 256, 144);
  EXPECT_TRUE(profile.visible[kREye]);
  EXPECT_FALSE(profile.visible[kLEye]);
}

TEST(Scenes, PromptsNameTheAttributes) {
  for (uint64_t seed = 0; seed < 300; ++seed) {
    const SceneSpec s = sampleScene(seed);
    for (const Language l : {Language::English, Language::Chinese}) {
      const std::string p = writePrompt(s, l, seed);
      SCOPED_TRACE(p);
      EXPECT_GE(containsAny(p, timePhrases(s.time, l)), 1);
      EXPECT_GE(containsAny(p, scenePhrases(s.type, l)), 1);
      EXPECT_GE(containsAny(p, countPhrases(int(s.figures.size()), l)), 1);
      for (int t = 0; t < kTimeOfDayCount; ++t) {
        if (t != int(s.time)) {
          EXPECT_EQ(containsAny(p, timePhrases(TimeOfDay(t), l)), 0) << "time " << t;
        }
      }
      for (int n = 0; n <= kMaxFigures; ++n) {
        if (n != int(s.figures.size())) {
          EXPECT_EQ(containsAny(p, countPhrases(n, l)), 0) << "count " << n;
        }
      }
    }
  }
  // The example pairing.
  SceneSpec s;
  s.type = SceneType::CyberpunkCity;
  s.time = TimeOfDay::Dawn;
  s.figures.resize(2);
  s.figures[0].pose = s.figures[1].pose = Pose::Walking;
  const std::string zh = writePrompt(s, Language::Chinese, 5);
  EXPECT_NE(zh.find("两"), std::string::npos) << zh;
}

TEST(Scenes, PhrasingVariesButVocabularyStaysSmall) {
  const SceneSpec s = sampleScene(42);
  std::set<std::string> variants;
  for (uint64_t p = 0; p < 12; ++p) variants.insert(writePrompt(s, Language::English, p));
  EXPECT_GE(variants.size(), 6u);

  std::set<std::string> words;
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    std::string p = writePrompt(sampleScene(seed), Language::English, seed);
    for (char& c : p) c = (c == ',' || c == ':' || c == ';') ? ' ' : c;
    std::istringstream in(p);
    for (std::string w; in >> w;) words.insert(w);
  }
  EXPECT_GT(words.size(), 100u);
  EXPECT_LT(words.size(), 400u);

  std::set<std::string> hanzi;  // Chinese: distinct characters (3-byte UTF-8 sequences)
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    const std::string p = writePrompt(sampleScene(seed), Language::Chinese, seed);
    for (size_t i = 0; i + 2 < p.size(); ++i) {
      if ((static_cast<unsigned char>(p[i]) & 0xF0) == 0xE0) hanzi.insert(p.substr(i, 3));
    }
  }
  EXPECT_GT(hanzi.size(), 60u);
  EXPECT_LT(hanzi.size(), 400u);
}
