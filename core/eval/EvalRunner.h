#pragma once
// `shotcraft-cli eval`: draws held-out generator prompts with a model and measures how well the frames
// follow them (attribute probes) and how well they follow control maps (edges, depth, pose) as the
// control weight rises. The engine is any IEngine (the torch plugin in the CLI, a fake in tests).
//
//   EvalRunner runner(options, probes);
//   EvalResults r;
//   runner.run(engine, print, &r, &error);
//
// Per prompt (held-out scene seeds, prompts alternating English / Chinese):
//   - one text-only frame: read by the attribute probes, and the weight-0 point of every control sweep
//     (weight 0 means the control is not applied);
//   - for the first `control_count` prompts and each control kind the model has a ControlNet for, one frame
//     per weight > 0 in `weights` with that control alone (the scene's exact map).
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/engine/Engine.h"
#include "core/eval/ProbeSuite.h"

namespace shotcraft::eval {

inline constexpr int kControlKinds = 3;  // engine::ControlKind Depth, Canny, Pose

struct EvalOptions {
  int count = 200;         // prompts
  int control_count = 64;  // prompts that also get control sweeps (at most count)
  int steps = 8;
  float cfg = 7.0f;
  float guidance_rescale = 0.0f;  // engine::GenerationRequest::guidance_rescale
  std::string sampler = "euler_a";
  uint64_t seed = 0;                                // picks the held-out scenes and the generation seeds
  std::vector<float> weights = {0.0f, 0.5f, 1.0f};  // ascending, in [0, 2]
  engine::ControlMode control_mode = engine::ControlMode::Auto;  // for every control sweep
  // Control kinds with a ControlNet in the model (index = engine::ControlKind); others are not measured.
  std::array<bool, kControlKinds> controls_available = {true, true, true};
};

// Per prompt. Control metrics are NaN where not measured.
struct SampleResult {
  int index = 0;
  uint64_t scene_seed = 0;
  bool chinese = false;
  std::string prompt;
  AttributeValues truth{}, read{};
  std::array<bool, kAttributeCount> named{};  // the prompt names the attribute (promptNames); only these are judged
  int figures = 0;
  // [kind][weight index]; depth: correlation, canny: edge F1, pose: mean relative keypoint error.
  std::array<std::vector<double>, kControlKinds> control;
  std::vector<double> depth_residual;      // per weight: depth correlation beyond the row-only prior
  std::array<double, 2> edge_pr_at_max{};  // precision, recall of the canny frame at the highest weight
  cv::Mat frame;                           // the text-only frame (RGB, probe size), for the contact sheet
  std::vector<cv::Mat> canny_frames;       // canny sweep frames (weights > 0) when measured
  cv::Mat canny_control;
  double generate_ms = 0.0;
};

struct EvalResults {
  EvalOptions options;
  std::string model_name;
  std::vector<SampleResult> samples;
  double seconds = 0.0;
};

// The model folder's ControlNets, found the way the torch engine finds them
// (DIR/controlnet-<kind>/config.json or DIR/controlnet/<kind>/config.json).
std::array<bool, kControlKinds> controlNetsIn(const std::string& model_dir);
// "depth", "canny", "pose".
const char* controlKindName(int kind);

class EvalRunner {
 public:
  EvalRunner(EvalOptions options, const ProbeSuite& probes) : m_options(std::move(options)), m_probes(probes) {}

  // Runs every generation; `print` gets progress lines. False + *error when the engine fails.
  bool run(engine::IEngine& engine, const std::function<void(const std::string&)>& print, EvalResults* results,
           std::string* error) const;

 private:
  bool runSample(engine::IEngine& engine, int index, uint64_t scene_seed, SampleResult* out, std::string* error) const;

  EvalOptions m_options;
  const ProbeSuite& m_probes;
};

}  // namespace shotcraft::eval
