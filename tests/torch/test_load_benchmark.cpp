// `bench load --quick`: a tiny checkpoint in SD 1.x's original single-file layout, written by the benchmark
// itself, loads through the engine and is timed; the temporary folder is removed afterwards.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "plugins/torch_engine/pipeline/LoadBenchmark.h"

namespace {

std::vector<std::string> benchFolders() {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path(), ec)) {
    if (entry.path().filename().string().rfind("shotcraft-bench-load-", 0) == 0) found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace

TEST(LoadBenchmark, QuickCheckpointLoadsAndIsTimedThenRemoved) {
  shotcraft::engine::BenchmarkRequest request;
  request.subject = "load";
  request.quick = true;
  request.iterations = 2;
  request.options.device = shotcraft::engine::Device::Cpu;
  request.options.precision = shotcraft::engine::Precision::Fp32;
  const auto before = benchFolders();
  std::vector<std::string> lines;
  std::string error;
  ASSERT_TRUE(shotcraft::torch_engine::runLoadBenchmark(request, [&](const std::string& l) { lines.push_back(l); },
                                                       &error))
      << error;
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("single-file checkpoint (original keys, float16"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("load 1: "), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("load 2: "), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("fp32"), std::string::npos) << lines[2];
  EXPECT_EQ(benchFolders(), before);
}
