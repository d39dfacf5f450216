#pragma once
// Draws a SceneSpec as a storyboard colour rough with exact control maps, the training data of the
// embedded shotcraft-tiny model:
//
//   SceneSpec spec = sampleScene(seed);
//   SceneSample s = renderScene(spec, 256, 144, phrasing_seed);
//
// Maps (all width x height):
//   rgb    CV_8UC3, RGB order: flat-shaded layers, figures with a dark silhouette line, weather on top.
//   depth  CV_8UC1, near = bright, drawn layer by layer with the colour (see Canvas.h): sky 0, distant
//          layers from 24 up, the ground/floor plane linear in screen y up to 255 at the bottom row,
//          each upright object (building, tree, figure) at the ground value where it stands.
//          Weather (rain, snow, fog) is not in the depth map.
//   canny  CV_8UC1 0/255: cv::Canny of the final rendered rgb (all three channels) with thresholds
//          kCannyLow/kCannyHigh, i.e. what a ControlNet canny preprocessor would give for this frame.
//   pose   CV_8UC3, RGB: OpenPose COCO-18 rendering of the figures' skeletons on black (Skeleton.h);
//          all black when there are no figures.
// keypoints holds, per figure (far to near), the 18 keypoints in pixels, NaN where invisible. The figures
// are drawn from the same skeletons, so the pose map and keypoints match the picture exactly.
//
// Deterministic: the same (spec, size, phrasing_seed) gives byte-identical images and prompts on a given
// build (layout randomness comes from spec.seed through Rng, never from global state).
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/scenes/SceneSpec.h"
#include "core/scenes/Skeleton.h"

namespace shotcraft::scenes {

inline constexpr int kDefaultWidth = 256;
inline constexpr int kDefaultHeight = 144;
inline constexpr int kMinSide = 16;
inline constexpr int kMaxSide = 4096;
inline constexpr double kCannyLow = 100.0;
inline constexpr double kCannyHigh = 200.0;

struct SceneSample {
  SceneSpec spec;
  cv::Mat rgb;    // CV_8UC3 RGB
  cv::Mat depth;  // CV_8UC1, near = bright
  cv::Mat canny;  // CV_8UC1, 0 or 255
  cv::Mat pose;   // CV_8UC3 RGB, OpenPose style on black
  std::vector<Keypoints> keypoints;  // one per figure, same order as spec.figures
  std::string prompt_en, prompt_zh;  // UTF-8
};

// Renders at width x height (each in [kMinSide, kMaxSide]; any aspect). Out-of-range sizes give a sample
// with empty images (and the spec and prompts filled in).
SceneSample renderScene(const SceneSpec& spec, int width = kDefaultWidth, int height = kDefaultHeight,
                        uint64_t phrasing_seed = 0);

}  // namespace shotcraft::scenes
