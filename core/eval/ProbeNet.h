#pragma once
// The learned attribute probe: a small convolutional network that reads a probe-size frame's time of day, scene
// type, dominant palette (one classification head each, on the last block's global average and max pools) and
// number of figures (a density map at 1/8 of the frame whose sum is the count, trained to put one unit of mass
// on each figure's box centre). `shotcraft-cli train probe` trains it on generator frames of the training
// split (plugins/torch_engine/train/TrainProbe.cpp) and writes it here; eval runs it through OpenCV's dnn
// module, so core stays free of libtorch. Folder: config.json + weights.yml.gz (cv::FileStorage), batch norms
// already folded into the convolutions.
//
// Eval reads its pooled features (features()), not its heads: forests fitted on them per run, a third of their
// frames through the evaluated model's autoencoder, read that decoder's frames better than the fixed heads do
// (docs/training.md, session 10). predict() is the heads' own reading (the training stage's report).
#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "core/eval/AttributeProbes.h"

namespace shotcraft::eval {

inline constexpr int kProbeNetDensityStride = 8;

// The architecture: 3x3 convolutions (padding 1) with ReLU, each {in, out, stride}; the density head reads the
// output of block `density_block` (0-based), which must have stride kProbeNetDensityStride.
struct ProbeNetConfig {
  std::vector<std::array<int, 3>> blocks;
  int density_block = 4;
  std::array<int, kAttributeCount> classes{};  // per attribute; FigureCount's is its largest count + 1

  // The shipped shape for a base width w: {3,w,2} {w,2w,2} {2w,2w,1} {2w,4w,2} {4w,4w,1} {4w,8w,2} {8w,8w,1}.
  static ProbeNetConfig standard(int width);
  int featureChannels() const { return blocks.empty() ? 0 : blocks.back()[1]; }
  int headInputs() const { return 2 * featureChannels(); }  // average and max pools
  int headOutputs() const;                                  // the classification heads' logits, concatenated
  int headOffset(Attribute a) const;                        // where a's logits start
};

// What the network holds, as the training stage exports it: per block a folded convolution (weights as
// out x in*9, bias 1 x out), the density head (1 x channels, 1 x 1) and the linear heads (outputs x inputs,
// 1 x outputs). FigureCount has no linear head: its logits slot is unused.
struct ProbeNetWeights {
  ProbeNetConfig config;
  std::vector<cv::Mat> conv_w, conv_b;
  cv::Mat density_w, density_b;
  cv::Mat head_w, head_b;

  // Writes DIR/config.json and DIR/weights.yml.gz (creating DIR). False + *error.
  bool save(const std::string& dir, std::string* error) const;
  // Reads and checks them (shapes against the config). False + one-line *error naming the file and the fault.
  bool load(const std::string& dir, std::string* error);
};

// Raw outputs for one frame: the heads' logits, the density map's sum, and the pooled features the heads read.
struct ProbeNetOutput {
  std::vector<float> logits;
  float figure_mass = 0.0f;
  std::vector<float> features;
  cv::Mat density;  // CV_32F, H/8 x W/8: where the figures' mass lies
};

class ProbeNet {
 public:
  bool load(const std::string& dir, std::string* error);
  bool fromWeights(const ProbeNetWeights& weights, std::string* error);
  bool loaded() const { return m_loaded; }
  const std::string& source() const { return m_source; }  // the folder it was loaded from

  // Probe-size (or any size, resized) RGB CV_8UC3 frames.
  std::vector<ProbeNetOutput> run(const std::vector<cv::Mat>& rgb) const;
  std::vector<AttributeValues> predict(const std::vector<cv::Mat>& rgb) const;
  AttributeValues predict(const cv::Mat& rgb) const { return predict(std::vector<cv::Mat>{rgb}).front(); }
  // One row per frame: the pooled features, the logits and the figure mass (what AttributeProbes fits on).
  cv::Mat features(const std::vector<cv::Mat>& rgb) const;
  static cv::Mat featureRow(const ProbeNetOutput& output);  // one frame's row of features()

 private:
  mutable cv::dnn::Net m_net;  // forward() is not const; so a ProbeNet runs on one thread at a time
  ProbeNetConfig m_config;
  bool m_loaded = false;
  std::string m_source;
};

}  // namespace shotcraft::eval
