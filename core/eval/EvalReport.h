#pragma once
// What `shotcraft-cli eval` concludes from an EvalResults: the aggregated metrics, one summary line per
// metric, metrics.json and the per-prompt CSV.
#include <array>
#include <string>
#include <vector>

#include "core/eval/EvalRunner.h"
#include "core/eval/ProbeSuite.h"

namespace shotcraft::eval {

struct ControlSummary {
  bool measured = false;
  std::string reason;             // why not, when !measured
  std::vector<double> by_weight;  // mean per weight (NaN where nothing was measured)
  int samples = 0;                // prompts (canny, depth) or figures (pose) at the highest weight
};

struct EvalSummary {
  int prompts = 0;
  double attribute_adherence = 0.0;  // mean of the four attributes
  // Per attribute: the share of the prompts that name it (SampleResult::named) whose frame the probe reads so.
  std::array<double, kAttributeCount> adherence{};
  std::array<int, kAttributeCount> judged{};  // prompts that name it
  AttributeConfusion confusion = emptyConfusion();  // truth against the probe's reading, over those prompts
  std::array<bool, kAttributeCount> probe_reliable{};
  double adherence_en = 0.0, adherence_zh = 0.0;  // mean over the language's prompts of their named attributes' hits
  std::array<ControlSummary, kControlKinds> controls;  // index = engine::ControlKind
  double edge_precision = 0.0, edge_recall = 0.0;      // canny, at the highest weight
  std::vector<double> depth_residual_by_weight;        // depth correlation beyond the row-only prior
  bool depth_probe_reliable = false, pose_probe_reliable = false;
};

EvalSummary summarize(const EvalResults& results, const ProbeCalibration& calibration);

// The lines printed at the end of eval (attribute adherence, one per attribute, edge F1, depth correlation,
// pose keypoint error), each naming its calibration.
std::vector<std::string> summaryLines(const EvalResults& results, const EvalSummary& summary,
                                      const ProbeCalibration& calibration);

// metrics.json (every metric key present; unmeasured metrics are null with a reason) and samples.csv.
bool writeMetricsJson(const std::string& path, const EvalResults& results, const EvalSummary& summary,
                      const ProbeCalibration& calibration, std::string* error);
bool writeSamplesCsv(const std::string& path, const EvalResults& results, std::string* error);

}  // namespace shotcraft::eval
