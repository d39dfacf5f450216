#pragma once
// Helpers shared by the libtorch engine tests: reference tensors from shared/refs/sd-tiny.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "tests/common/TestUtil.h"

namespace shotcraft::test {

inline double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  if (!a.defined() || !b.defined() || a.sizes() != b.sizes()) return 1e30;
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// Opens refs/sd-tiny/<relative>; fails the calling test (ASSERT) if it cannot.
inline std::unique_ptr<torch_engine::SafeTensorsFile> openRef(const std::string& relative) {
  std::string error;
  auto file = torch_engine::SafeTensorsFile::open(refsPath("sd-tiny/" + relative), &error);
  EXPECT_NE(file, nullptr) << error;
  return file;
}

// A component of the sd-tiny reference model in eval mode: its config from refs/sd-tiny/<folder>/config.json
// and its weights from <folder>/<weights>, strictly (EXPECT failures name what went wrong).
template <class Config, class Holder>
Holder loadRefComponent(const std::string& folder, const std::string& weights) {
  Config config;
  std::string error;
  EXPECT_TRUE(Config::fromFile(refsPath("sd-tiny/" + folder + "/config.json"), &config, &error)) << error;
  Holder model(config);
  model->eval();
  if (auto file = openRef(folder + "/" + weights)) {
    EXPECT_TRUE(torch_engine::nn::loadStateDict(*model, *file, "", true, &error)) << error;
  }
  return model;
}

// EXPECTs shape equality and max|a-b| <= tolerance, and prints the measured error.
#define SHOTCRAFT_EXPECT_CLOSE(label, actual, expected, tolerance)                                           \
  do {                                                                                                      \
    const torch::Tensor a_ = (actual);                                                                      \
    const torch::Tensor e_ = (expected);                                                                    \
    ASSERT_TRUE(a_.defined() && e_.defined()) << (label);                                                   \
    ASSERT_EQ(a_.sizes(), e_.sizes()) << (label);                                                           \
    const double d_ = ::shotcraft::test::maxAbsDiff(a_, e_);                                                \
    std::printf("  max|diff| %-55s %.3g\n", std::string(label).c_str(), d_);                                \
    EXPECT_LE(d_, (tolerance)) << (label);                                                                  \
  } while (0)

}  // namespace shotcraft::test
