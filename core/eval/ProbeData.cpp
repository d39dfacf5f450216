#include "core/eval/ProbeData.h"

#include <opencv2/imgproc.hpp>

#include "core/eval/ProbeFeatures.h"
#include "core/scenes/DatasetWriter.h"
#include "core/scenes/Rng.h"

namespace shotcraft::eval {

namespace {

constexpr uint64_t kCalibrationStream = 0xCA11B4A7E5EEDull;

cv::Mat soften(const cv::Mat& rgb, scenes::Rng& rng) {
  if (rng.chance(0.4)) return rgb;
  cv::Mat out;
  const double sigma = rng.uniform(0.5, 1.6);
  cv::GaussianBlur(rgb, out, {0, 0}, sigma);
  if (rng.chance(0.5)) {
    cv::Mat noise(out.size(), CV_16SC3);
    cv::RNG cvRng(rng.next());
    cvRng.fill(noise, cv::RNG::NORMAL, 0, rng.uniform(1.0, 5.0));
    cv::Mat wide;
    out.convertTo(wide, CV_16SC3);
    wide += noise;
    wide.convertTo(out, CV_8UC3);
  }
  return out;
}

}  // namespace

std::vector<uint64_t> holdoutSeeds(uint64_t base_seed, int count) {
  std::vector<uint64_t> seeds;
  for (int i = 0; int(seeds.size()) < count; ++i) {
    const uint64_t s = scenes::sampleSeed(base_seed, i);
    if (scenes::isHoldout(s, kHoldoutFraction)) seeds.push_back(s);
  }
  return seeds;
}

ProbeData renderProbeData(uint64_t seed, int fit_count, int calibration_count) {
  ProbeData data;
  scenes::Rng rng(seed, 0x50F7E2ull);
  data.fit.reserve(size_t(fit_count));
  for (int i = 0; static_cast<int>(data.fit.size()) < fit_count; ++i) {
    const uint64_t s = scenes::sampleSeed(seed, i);
    if (scenes::isHoldout(s, kHoldoutFraction)) continue;
    ProbeFrame f;
    f.sample = scenes::renderScene(scenes::sampleScene(s), kProbeWidth, kProbeHeight, scenes::phrasingSeed(s));
    f.rgb = soften(f.sample.rgb, rng);
    data.fit.push_back(std::move(f));
  }
  for (uint64_t s : holdoutSeeds(seed ^ kCalibrationStream, calibration_count)) {
    ProbeFrame f;
    f.sample = scenes::renderScene(scenes::sampleScene(s), kProbeWidth, kProbeHeight, scenes::phrasingSeed(s));
    f.rgb = f.sample.rgb;
    data.calibration.push_back(std::move(f));
  }
  return data;
}

}  // namespace shotcraft::eval
