#include "core/eval/AttributeProbes.h"

#include <cmath>

#include "core/eval/ProbeFeatures.h"

namespace shotcraft::eval {

const char* attributeKey(Attribute a) {
  switch (a) {
    case Attribute::TimeOfDay:
      return "time_of_day";
    case Attribute::SceneType:
      return "scene_type";
    case Attribute::FigureCount:
      return "figure_count";
    case Attribute::Palette:
      return "palette";
  }
  return "?";
}

const char* attributeLabel(Attribute a) {
  switch (a) {
    case Attribute::TimeOfDay:
      return "time of day";
    case Attribute::SceneType:
      return "scene type";
    case Attribute::FigureCount:
      return "number of figures";
    case Attribute::Palette:
      return "dominant palette";
  }
  return "?";
}

int attributeClassCount(Attribute a) {
  switch (a) {
    case Attribute::TimeOfDay:
      return scenes::kTimeOfDayCount;
    case Attribute::SceneType:
      return scenes::kSceneTypeCount;
    case Attribute::FigureCount:
      return scenes::kMaxFigures + 1;
    case Attribute::Palette:
      return scenes::kPaletteCount;
  }
  return 0;
}

int attributeOf(const scenes::SceneSpec& spec, Attribute a) {
  switch (a) {
    case Attribute::TimeOfDay:
      return int(spec.time);
    case Attribute::SceneType:
      return int(spec.type);
    case Attribute::FigureCount:
      return int(spec.figures.size());
    case Attribute::Palette:
      return int(spec.palette);
  }
  return 0;
}

std::string attributeValueName(Attribute a, int value) {
  if (value < 0 || value >= attributeClassCount(a)) return "?";
  switch (a) {
    case Attribute::TimeOfDay:
      return scenes::timeOfDayName(scenes::TimeOfDay(value));
    case Attribute::SceneType:
      return scenes::sceneTypeName(scenes::SceneType(value));
    case Attribute::FigureCount:
      return std::to_string(value);
    case Attribute::Palette:
      return scenes::paletteName(scenes::Palette(value));
  }
  return "?";
}

namespace {

cv::Ptr<cv::ml::RTrees> fitForest(const cv::Mat& features, const cv::Mat& labels, int seed) {
  cv::setRNGSeed(seed);  // RTrees draws its bootstrap samples and split variables from theRNG()
  auto forest = cv::ml::RTrees::create();
  forest->setMaxDepth(16);
  forest->setMinSampleCount(2);
  forest->setActiveVarCount(0);  // sqrt(number of features)
  forest->setTermCriteria({cv::TermCriteria::MAX_ITER, 120, 0.0});
  std::vector<uchar> varType(size_t(features.cols) + 1, cv::ml::VAR_ORDERED);
  varType.back() = cv::ml::VAR_CATEGORICAL;
  if (!forest->train(cv::ml::TrainData::create(features, cv::ml::ROW_SAMPLE, labels, cv::noArray(), cv::noArray(),
                                               cv::noArray(), varType))) {
    return {};
  }
  return forest;
}

}  // namespace

// Time of day and palette are questions of colour: their forests see only the colour features (the HOG part
// would dilute the few sky and grade columns among the random split candidates).
namespace {
cv::Mat inputOf(Attribute a, const cv::Mat& features) {
  const bool colourOnly = a == Attribute::TimeOfDay || a == Attribute::Palette;
  return colourOnly ? features.colRange(0, kColourFeatureCount) : features;
}
}  // namespace

bool AttributeProbes::fit(const std::vector<ProbeFrame>& frames, std::string* error) {
  if (frames.size() < 20) {
    *error = "attribute probes need at least 20 fitting frames, got " + std::to_string(frames.size());
    return false;
  }
  const size_t half = frames.size() / 2;
  if (!m_figures.fit(std::vector<ProbeFrame>(frames.begin(), frames.begin() + std::ptrdiff_t(half)), error)) {
    return false;
  }
  m_figures.fitCountRule(std::vector<ProbeFrame>(frames.begin() + std::ptrdiff_t(half), frames.end()));
  cv::Mat features;
  cv::Mat labels(int(frames.size()), kAttributeCount, CV_32S);
  for (size_t i = 0; i < frames.size(); ++i) {
    const cv::Mat rgb = toProbeSize(frames[i].rgb);
    features.push_back(frameFeatures(rgb));
    for (int a = 0; a < kAttributeCount; ++a) {
      labels.at<int>(int(i), a) = attributeOf(frames[i].sample.spec, kAttributes[size_t(a)]);
    }
  }
  for (int a = 0; a < kAttributeCount; ++a) {
    if (kAttributes[size_t(a)] == Attribute::FigureCount) continue;  // counted by the figure probe
    m_forests[size_t(a)] = fitForest(inputOf(kAttributes[size_t(a)], features), labels.col(a).clone(), 0x5EED + a);
    if (m_forests[size_t(a)].empty()) {
      *error = std::string("could not fit the ") + attributeLabel(kAttributes[size_t(a)]) + " probe";
      return false;
    }
  }
  return true;
}

AttributeValues AttributeProbes::predict(const cv::Mat& probe_rgb) const {
  AttributeValues out{};
  const cv::Mat rgb = toProbeSize(probe_rgb);
  const cv::Mat f = frameFeatures(rgb);
  for (int a = 0; a < kAttributeCount; ++a) {
    out[size_t(a)] = kAttributes[size_t(a)] == Attribute::FigureCount
                         ? m_figures.countFigures(m_figures.presence(rgb))
                         : int(std::lround(m_forests[size_t(a)]->predict(inputOf(kAttributes[size_t(a)], f))));
  }
  return out;
}

}  // namespace shotcraft::eval
