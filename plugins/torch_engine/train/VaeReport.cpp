#include "plugins/torch_engine/train/VaeReport.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/eval/EdgeMatch.h"
#include "core/eval/ProbeData.h"
#include "core/scenes/DatasetWriter.h"
#include "core/scenes/SceneRenderer.h"
#include "core/scenes/SceneSpec.h"
#include "plugins/torch_engine/train/TrainingData.h"

namespace shotcraft::torch_engine::train {

namespace {

constexpr int kBatch = 8;
constexpr int kSheetColumns = 8;

// [B,3,H,W] in [-1, 1] -> 8-bit RGB images.
std::vector<cv::Mat> toImages(const torch::Tensor& rgb) {
  const torch::Tensor bytes =
      rgb.clamp(-1, 1).add(1).mul(127.5).round().to(torch::kUInt8).permute({0, 2, 3, 1}).contiguous();
  std::vector<cv::Mat> out;
  for (int64_t i = 0; i < bytes.size(0); ++i) {
    const torch::Tensor one = bytes[i];
    out.push_back(cv::Mat(int(one.size(0)), int(one.size(1)), CV_8UC3, one.data_ptr()).clone());
  }
  return out;
}

bool writeSheet(const std::vector<cv::Mat>& inputs, const std::vector<cv::Mat>& outputs, const std::string& path) {
  if (inputs.empty()) return false;
  const int w = inputs[0].cols, h = inputs[0].rows, gap = 4;
  const int columns = std::min<int>(kSheetColumns, int(inputs.size()));
  const int pairs = (int(inputs.size()) + columns - 1) / columns;
  cv::Mat sheet(pairs * (2 * h + 3 * gap) + gap, columns * (w + gap) + gap, CV_8UC3, cv::Scalar(40, 40, 40));
  for (size_t i = 0; i < inputs.size(); ++i) {
    const int x = gap + int(i % columns) * (w + gap);
    const int y = gap + int(i / columns) * (2 * h + 3 * gap);
    inputs[i].copyTo(sheet(cv::Rect(x, y, w, h)));
    outputs[i].copyTo(sheet(cv::Rect(x, y + h + gap, w, h)));
  }
  cv::Mat bgr;
  cv::cvtColor(sheet, bgr, cv::COLOR_RGB2BGR);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  return cv::imwrite(path, bgr);
}

}  // namespace

VaeReconstruction measureVaeReconstruction(nn::VaeImpl& vae, uint64_t seed, int count, int width, int height,
                                           const std::string& sheetPath) {
  torch::NoGradGuard noGrad;
  VaeReconstruction r;
  r.width = width;
  r.height = height;
  const std::vector<uint64_t> seeds = eval::holdoutSeeds(seed, count);
  std::vector<torch::Tensor> inputs, outputs;
  for (size_t start = 0; start < seeds.size(); start += kBatch) {
    std::vector<torch::Tensor> batch;
    for (size_t i = start; i < std::min(seeds.size(), start + kBatch); ++i) {
      const scenes::SceneSample sample =
          scenes::renderScene(scenes::sampleScene(seeds[i]), width, height, scenes::phrasingSeed(seeds[i]));
      batch.push_back(toTensor(sample.rgb, 2.0f / 255.0f, -1.0f));
    }
    const torch::Tensor in = torch::stack(batch);
    inputs.push_back(in);
    outputs.push_back(vae.decode(vae.encode(in).mean).clamp(-1, 1));
  }
  if (inputs.empty()) return r;
  const torch::Tensor in = torch::cat(inputs), out = torch::cat(outputs);
  r.images = int(in.size(0));
  const torch::Tensor diff255 = (out - in).mul(127.5);
  const double mse = diff255.pow(2).mean().item<double>();
  r.psnr_db = mse > 0 ? 10.0 * std::log10(255.0 * 255.0 / mse) : 99.0;
  r.l1 = (out - in).abs().mean().item<double>();
  const torch::Tensor shift = diff255.mean({0, 2, 3});
  const torch::Tensor meanIn = in.add(1).mul(127.5).mean({0, 2, 3});
  for (int c = 0; c < 3; ++c) {
    r.mean_shift[size_t(c)] = shift[c].item<double>();
    r.mean_in[size_t(c)] = meanIn[c].item<double>();
  }
  if (r.images > 1) {
    const double inSpread = in.mean({2, 3}).std(0).sum().item<double>();
    const double outSpread = out.mean({2, 3}).std(0).sum().item<double>();
    r.colour_spread_kept = inSpread > 1e-9 ? outSpread / inSpread : 0.0;
  }
  const std::vector<cv::Mat> inImages = toImages(in), outImages = toImages(out);
  double edgeF1 = 0.0;
  for (size_t i = 0; i < inImages.size(); ++i)
    edgeF1 += eval::edgeF1(eval::cannyEdges(inImages[i]), eval::cannyEdges(outImages[i])).f1;
  r.edge_f1 = edgeF1 / double(inImages.size());
  if (!sheetPath.empty()) writeSheet(inImages, outImages, sheetPath);
  return r;
}

std::string toJson(const VaeReconstruction& r) {
  char text[640];
  std::snprintf(text, sizeof text,
                "{\"images\": %d, \"width\": %d, \"height\": %d, \"psnr_db\": %.3f, \"l1\": %.5f, "
                "\"mean_in_rgb\": [%.3f, %.3f, %.3f], \"mean_shift_rgb\": [%.3f, %.3f, %.3f], "
                "\"colour_spread_kept\": %.4f, \"edge_f1\": %.4f}\n",
                r.images, r.width, r.height, r.psnr_db, r.l1, r.mean_in[0], r.mean_in[1], r.mean_in[2],
                r.mean_shift[0], r.mean_shift[1], r.mean_shift[2], r.colour_spread_kept, r.edge_f1);
  return text;
}

std::string describe(const VaeReconstruction& r) {
  char text[320];
  std::snprintf(text, sizeof text,
                "reconstruction of %d held-out scenes at %dx%d: PSNR %.2f dB, L1 %.4f, mean colour shift "
                "R %+.1f G %+.1f B %+.1f levels, colour spread kept %.0f%%, edge F1 %.3f",
                r.images, r.width, r.height, r.psnr_db, r.l1, r.mean_shift[0], r.mean_shift[1], r.mean_shift[2],
                100.0 * r.colour_spread_kept, r.edge_f1);
  return text;
}

}  // namespace shotcraft::torch_engine::train
