// Benchmark and contact sheet for the procedural storyboard scenes (not a test).
//   scenes_bench [--count N] [--seed S] [--width W] [--height H] [--write DIR] [--sheet out.png] [--sheet-rows R]
//                [--type T]
// Prints samples/s for rendering alone and for rendering + PNG encoding of the four maps (one thread).
// --sheet writes R rows of rgb | depth | canny | pose with each row's English prompt underneath.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/scenes/DatasetWriter.h"
#include "core/scenes/SceneRenderer.h"

using namespace shotcraft::scenes;

namespace {

cv::Mat sheetRow(const SceneSample& s) {
  cv::Mat depth3, canny3, row;
  cv::cvtColor(s.depth, depth3, cv::COLOR_GRAY2RGB);
  cv::cvtColor(s.canny, canny3, cv::COLOR_GRAY2RGB);
  cv::hconcat(std::vector<cv::Mat>{s.rgb, depth3, canny3, s.pose}, row);
  cv::Mat caption(18, row.cols, CV_8UC3, cv::Scalar::all(255));
  cv::putText(caption, s.prompt_en.substr(0, 150), {4, 13}, cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar::all(0), 1,
              cv::LINE_AA);
  cv::Mat out;
  cv::vconcat(row, caption, out);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int count = 500, width = kDefaultWidth, height = kDefaultHeight, rows = 12, type = -1;
  uint64_t seed = 1;
  std::string sheet, write_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--count") count = std::atoi(argv[i + 1]);
    else if (a == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--width") width = std::atoi(argv[i + 1]);
    else if (a == "--height") height = std::atoi(argv[i + 1]);
    else if (a == "--sheet") sheet = argv[i + 1];
    else if (a == "--sheet-rows") rows = std::atoi(argv[i + 1]);
    else if (a == "--write") write_dir = argv[i + 1];  // also time writeDataset (files on disk) into this dir
    else if (a == "--type") type = std::atoi(argv[i + 1]);  // sheet shows only this SceneType index
  }
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  std::clock_t c0 = std::clock();
  for (int i = 0; i < count; ++i) {
    const uint64_t s = sampleSeed(seed, i);
    const SceneSample sample = renderScene(sampleScene(s), width, height, phrasingSeed(s));
    if (sample.rgb.empty()) return 1;
  }
  const double render_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double render_cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  t0 = Clock::now();
  c0 = std::clock();
  std::vector<uchar> buf;
  const std::vector<int> params = {cv::IMWRITE_PNG_STRATEGY, cv::IMWRITE_PNG_STRATEGY_RLE};  // as DatasetWriter
  for (int i = 0; i < count; ++i) {
    const uint64_t s = sampleSeed(seed, i);
    const SceneSample sample = renderScene(sampleScene(s), width, height, phrasingSeed(s));
    for (const cv::Mat* m : {&sample.rgb, &sample.depth, &sample.canny, &sample.pose}) cv::imencode(".png", *m, buf, params);
  }
  const double encode_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double encode_cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("%d samples at %dx%d, one thread:\n"
              "  render only:          %.0f samples/s wall, %.0f samples/s CPU time (%.2f ms CPU each)\n"
              "  render + 4 PNG encodes: %.0f samples/s wall, %.0f samples/s CPU time\n",
              count, width, height, count / render_s, count / render_cpu, 1000.0 * render_cpu / count,
              count / encode_s, count / encode_cpu);

  if (!write_dir.empty()) {
    DatasetOptions o;
    o.out_dir = write_dir;
    o.count = count;
    o.seed = seed;
    o.width = width;
    o.height = height;
    DatasetSummary sum;
    std::string error;
    c0 = std::clock();
    if (!writeDataset(o, nullptr, &sum, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    std::printf("  writeDataset to disk:  %.0f samples/s wall, %.0f samples/s CPU time (%d train, %d holdout)\n",
                count / sum.seconds, count / cpu, sum.train, sum.holdout);
  }

  if (!sheet.empty()) {
    std::vector<cv::Mat> list;
    for (int i = 0; int(list.size()) < rows && i < 100000; ++i) {
      const uint64_t s = sampleSeed(seed, i);
      const SceneSpec spec = sampleScene(s);
      if (type >= 0 && int(spec.type) != type) continue;
      const SceneSample sample = renderScene(spec, width, height, phrasingSeed(s));
      list.push_back(sheetRow(sample));
      std::printf("%d: %s | %s\n", i, sample.prompt_en.c_str(), sample.prompt_zh.c_str());
    }
    cv::Mat out, bgr;
    cv::vconcat(list, out);
    cv::cvtColor(out, bgr, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(sheet, bgr)) {
      std::fprintf(stderr, "cannot write %s\n", sheet.c_str());
      return 1;
    }
    std::printf("wrote %s\n", sheet.c_str());
  }
  return 0;
}
