// eval's learned probe, as `train probe` writes it and core runs it.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <cmath>

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeNet.h"
#include "core/scenes/SceneRenderer.h"
#include "plugins/torch_engine/train/TrainProbe.h"
#include "plugins/torch_engine/train/TrainingData.h"
#include "tests/torch/TrainStageRun.h"

using namespace shotcraft;
using namespace shotcraft::test;

// eval's learned probe: the stage writes a folder core loads, and the network core runs through OpenCV's dnn
// (batch norms folded) computes what the libtorch network computes in eval mode.
TEST(TrainProbe, StageWritesAProbeThatCoreRunsAsTorchDoes) {
  QTemporaryDir dir;
  std::string error;
  std::vector<std::string> lines;
  ASSERT_TRUE(run(tinyRequest(dir.path().toStdString(), "probe", 2), &error, {}, &lines)) << error;
  const fs::path probe = fs::path(dir.path().toStdString()) / "probe";
  EXPECT_TRUE(fs::exists(probe / "report.json"));
  EXPECT_NE(lines.back().find("probe: held-out frames read right (8): time of day"), std::string::npos)
      << lines.back();
  eval::ProbeNet loaded;
  ASSERT_TRUE(loaded.load(probe.string(), &error)) << error;

  // Batch norms with statistics far from the identity, so that a wrong fold shows.
  torch::manual_seed(3);
  torch_engine::train::ProbeNetwork net(eval::ProbeNetConfig::standard(4));
  {
    torch::NoGradGuard noGrad;
    for (auto& b : net->named_buffers()) {
      if (b.key().find("running_mean") != std::string::npos) b.value().uniform_(-0.5, 0.5);
      if (b.key().find("running_var") != std::string::npos) b.value().uniform_(0.2, 3.0);
    }
    for (auto& p : net->named_parameters()) {
      if (p.key().find("norm") != std::string::npos) p.value().uniform_(-1.0, 1.5);
    }
  }
  net->eval();
  std::vector<cv::Mat> frames;
  for (uint64_t seed : {4u, 8u}) {
    frames.push_back(scenes::renderScene(scenes::sampleScene(seed), eval::kProbeWidth, eval::kProbeHeight).rgb);
  }
  std::vector<torch::Tensor> inputs;
  for (const cv::Mat& f : frames) inputs.push_back(torch_engine::train::toTensor(f, 2.0f / 255.0f, -1.0f));
  torch::NoGradGuard noGrad;
  const torch_engine::train::ProbeNetworkOutput want = net->forward(torch::stack(inputs));
  eval::ProbeNet core;
  ASSERT_TRUE(core.fromWeights(net->exportWeights(), &error)) << error;
  const std::vector<eval::ProbeNetOutput> got = core.run(frames);
  ASSERT_EQ(got.size(), 2u);
  const double scale = want.logits.abs().max().item<double>();
  ASSERT_GT(scale, 1e-3);
  for (size_t i = 0; i < got.size(); ++i) {
    const torch::Tensor logits = torch::tensor(got[i].logits);
    EXPECT_LT((logits - want.logits[int64_t(i)]).abs().max().item<double>(), 1e-4 * scale + 1e-5);
    EXPECT_NEAR(got[i].figure_mass, want.density[int64_t(i)].sum().item<double>(),
                1e-4 * std::max(1.0, want.density[int64_t(i)].sum().item<double>()));
  }
}
