#include "core/scenes/SceneRenderer.h"

#include <opencv2/imgproc.hpp>

#include "core/scenes/Canvas.h"
#include "core/scenes/FigurePainter.h"
#include "core/scenes/Painters.h"
#include "core/scenes/Prompt.h"

namespace shotcraft::scenes {

SceneSample renderScene(const SceneSpec& spec, int width, int height, uint64_t phrasing_seed) {
  SceneSample out;
  out.spec = spec;
  out.prompt_en = writePrompt(spec, Language::English, phrasing_seed);
  out.prompt_zh = writePrompt(spec, Language::Chinese, phrasing_seed);
  if (width < kMinSide || height < kMinSide || width > kMaxSide || height > kMaxSide) return out;

  Canvas canvas(out.spec, width, height);
  Rng rng(spec.seed, 0x1A7047);  // layout details: separate stream from the attribute sampling
  const bool interior = isInterior(spec.type);
  if (!interior) paintSky(canvas, rng);
  switch (spec.type) {
    case SceneType::City: paintCity(canvas, rng); break;
    case SceneType::CyberpunkCity: paintCyberpunkCity(canvas, rng); break;
    case SceneType::Mountains: paintMountains(canvas, rng); break;
    case SceneType::Coast: paintCoast(canvas, rng); break;
    case SceneType::Forest: paintForest(canvas, rng); break;
    case SceneType::Road: paintRoad(canvas, rng); break;
    case SceneType::Room: paintRoom(canvas, rng); break;  // paints its own outside view and weather
    case SceneType::Office: paintOffice(canvas, rng); break;
  }
  canvas.applyGlow(3.0f, 0.9f);

  out.pose = cv::Mat(height, width, CV_8UC3, cv::Scalar::all(0));
  for (const FigureSpec& f : spec.figures) {  // sampled far to near
    const Skeleton sk = buildSkeleton(f, width, height);
    paintFigure(canvas, f, sk);
    out.keypoints.push_back(sk.keypoints());
  }
  for (const Keypoints& k : out.keypoints) drawOpenPose(out.pose, k);
  if (!interior) paintWeather(canvas, rng);

  out.rgb = canvas.rgb;
  out.depth = canvas.depth;
  cv::Canny(out.rgb, out.canny, kCannyLow, kCannyHigh);
  return out;
}

}  // namespace shotcraft::scenes
