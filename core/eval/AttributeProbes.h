#pragma once
// Classifiers that read a frame's time of day, scene type, number of figures and dominant palette: random
// forests (cv::ml::RTrees) fitted on real generator frames with their ground truth. Time, scene and palette
// read frameFeatures(); the figure count is the number of blobs in FigureProbe's presence map (the presence
// forest is fitted on the first half of the frames, the blob rule chosen on the second half's unseen maps).
// A generated frame "adheres" to its prompt on an attribute when the probe reads the prompt's value.
#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>

#include "core/eval/FigureProbe.h"
#include "core/eval/ProbeData.h"
#include "core/scenes/SceneSpec.h"

namespace shotcraft::eval {

enum class Attribute { TimeOfDay, SceneType, FigureCount, Palette };
inline constexpr int kAttributeCount = 4;
inline constexpr std::array<Attribute, kAttributeCount> kAttributes = {Attribute::TimeOfDay, Attribute::SceneType,
                                                                       Attribute::FigureCount, Attribute::Palette};

// "time_of_day", "scene_type", "figure_count", "palette" (metrics keys and CSV columns).
const char* attributeKey(Attribute a);
// "time of day", "scene type", "number of figures", "dominant palette".
const char* attributeLabel(Attribute a);
int attributeClassCount(Attribute a);
int attributeOf(const scenes::SceneSpec& spec, Attribute a);
// The value's stable name ("sunset", "cyberpunk_city", "2", "neon").
std::string attributeValueName(Attribute a, int value);

using AttributeValues = std::array<int, kAttributeCount>;

class AttributeProbes {
 public:
  // Fits one forest per attribute (deterministic). False + *error when the frames are too few.
  bool fit(const std::vector<ProbeFrame>& frames, std::string* error);
  bool fitted() const { return !m_forests[0].empty(); }
  // Reads a probe-size RGB frame.
  AttributeValues predict(const cv::Mat& probe_rgb) const;
  const FigureProbe& figures() const { return m_figures; }

 private:
  std::array<cv::Ptr<cv::ml::RTrees>, kAttributeCount> m_forests;
  FigureProbe m_figures;
};

}  // namespace shotcraft::eval
