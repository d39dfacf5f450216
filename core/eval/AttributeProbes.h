#pragma once
// Classifiers that read a frame's time of day, scene type, number of figures and dominant palette: random
// forests (cv::ml::RTrees) fitted on real generator frames with their ground truth. Time, scene and palette
// read the learned probe's features (ProbeNet.h) when eval has it, else frameFeatures(); fitted per run, they
// learn what the evaluated model's decoder makes of those features (ProbeSuite's round trip). The figure count
// is the number of blobs in FigureProbe's presence map (the presence forest, which also sees the learned probe's
// figure density map when there is one, is fitted on the first half of the frames, the blob rule chosen on the
// second half's unseen maps).
// A generated frame "adheres" to its prompt on an attribute when the probe reads the prompt's value.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/ml.hpp>

#include "core/eval/FigureProbe.h"
#include "core/eval/ProbeData.h"
#include "core/scenes/Prompt.h"
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
// Whether `prompt` names `value` of `a`: one of its phrases (scenes/Prompt.h), verbatim, in the prompt's language.
// Every prompt names its time of day, scene type and number of figures; the palette is left out of some (about
// 3 in 10), and eval does not judge a frame on what its prompt did not ask for.
bool promptNames(const std::string& prompt, Attribute a, int value, scenes::Language language);

using AttributeValues = std::array<int, kAttributeCount>;

// Per attribute, a confusion table of counts at [truth * attributeClassCount + read].
using AttributeConfusion = std::array<std::vector<int>, kAttributeCount>;
AttributeConfusion emptyConfusion();  // all zero
// Counts one reading of attribute kAttributes[a].
void addReading(AttributeConfusion& confusion, int a, int truth, int read);
// Readings of attribute kAttributes[a] that match their truth (the table's diagonal).
int matchingReadings(const AttributeConfusion& confusion, int a);

class ProbeNet;

class AttributeProbes {
 public:
  // A learned probe (ProbeNet.h) whose features the time, scene and palette forests read instead of
  // frameFeatures(), and whose figure density map the figure probe's cells see too; call before fit(). The number
  // of figures is counted by the figure probe either way.
  void useNet(std::shared_ptr<const ProbeNet> net) {
    m_figures.useNet(net);
    m_net = std::move(net);
  }
  const ProbeNet* net() const { return m_net.get(); }
  // Fits one forest per attribute (deterministic). False + *error when the frames are too few.
  bool fit(const std::vector<ProbeFrame>& frames, std::string* error);
  bool fitted() const { return !m_forests[0].empty(); }
  // Reads a probe-size RGB frame.
  AttributeValues predict(const cv::Mat& probe_rgb) const;
  const FigureProbe& figures() const { return m_figures; }

 private:
  cv::Mat features(const std::vector<cv::Mat>& probe_rgb) const;  // one row per frame
  cv::Mat inputOf(Attribute a, const cv::Mat& features) const;

  std::array<cv::Ptr<cv::ml::RTrees>, kAttributeCount> m_forests;
  FigureProbe m_figures;
  std::shared_ptr<const ProbeNet> m_net;
};

}  // namespace shotcraft::eval
