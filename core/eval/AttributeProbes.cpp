#include "core/eval/AttributeProbes.h"

#include <cmath>

#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeNet.h"

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

AttributeConfusion emptyConfusion() {
  AttributeConfusion c;
  for (int a = 0; a < kAttributeCount; ++a) {
    const int n = attributeClassCount(kAttributes[size_t(a)]);
    c[size_t(a)].assign(size_t(n * n), 0);
  }
  return c;
}

void addReading(AttributeConfusion& confusion, int a, int truth, int read) {
  const int classes = attributeClassCount(kAttributes[size_t(a)]);
  ++confusion[size_t(a)][size_t(truth * classes + read)];
}

int matchingReadings(const AttributeConfusion& confusion, int a) {
  const int classes = attributeClassCount(kAttributes[size_t(a)]);
  int hits = 0;
  for (int v = 0; v < classes; ++v) hits += confusion[size_t(a)][size_t(v * classes + v)];
  return hits;
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

bool promptNames(const std::string& prompt, Attribute a, int value, scenes::Language language) {
  if (value < 0 || value >= attributeClassCount(a)) return false;
  const std::vector<std::string>* phrases = nullptr;
  switch (a) {
    case Attribute::TimeOfDay:
      phrases = &scenes::timePhrases(scenes::TimeOfDay(value), language);
      break;
    case Attribute::SceneType:
      phrases = &scenes::scenePhrases(scenes::SceneType(value), language);
      break;
    case Attribute::FigureCount:
      phrases = &scenes::countPhrases(value, language);
      break;
    case Attribute::Palette:
      phrases = &scenes::palettePhrases(scenes::Palette(value), language);
      break;
  }
  if (!phrases) return false;
  for (const std::string& p : *phrases)
    if (prompt.find(p) != std::string::npos) return true;
  return false;
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

// What the attribute forests read: the learned probe's features (ProbeNet::features) when there is one, else
// frameFeatures(). Time of day and palette are questions of colour: without the network their forests see only
// the colour features (the HOG part would dilute the few sky and grade columns among the random split
// candidates).
cv::Mat AttributeProbes::features(const std::vector<cv::Mat>& probe_rgb) const {
  cv::Mat rows;
  for (size_t i = 0; i < probe_rgb.size(); i += 32) {
    const std::vector<cv::Mat> batch(probe_rgb.begin() + std::ptrdiff_t(i),
                                     probe_rgb.begin() + std::ptrdiff_t(std::min(probe_rgb.size(), i + 32)));
    if (m_net) {
      rows.push_back(m_net->features(batch));
    } else {
      for (const cv::Mat& rgb : batch) rows.push_back(frameFeatures(toProbeSize(rgb)));
    }
  }
  return rows;
}

cv::Mat AttributeProbes::inputOf(Attribute a, const cv::Mat& features) const {
  const bool colourOnly = !m_net && (a == Attribute::TimeOfDay || a == Attribute::Palette);
  return colourOnly ? features.colRange(0, kColourFeatureCount) : features;
}

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
  std::vector<cv::Mat> rgb;
  cv::Mat labels(int(frames.size()), kAttributeCount, CV_32S);
  for (size_t i = 0; i < frames.size(); ++i) {
    rgb.push_back(frames[i].rgb);
    for (int a = 0; a < kAttributeCount; ++a) {
      labels.at<int>(int(i), a) = attributeOf(frames[i].sample.spec, kAttributes[size_t(a)]);
    }
  }
  const cv::Mat f = features(rgb);
  for (int a = 0; a < kAttributeCount; ++a) {
    if (kAttributes[size_t(a)] == Attribute::FigureCount) continue;  // counted by the figure probe
    m_forests[size_t(a)] = fitForest(inputOf(kAttributes[size_t(a)], f), labels.col(a).clone(), 0x5EED + a);
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
  // With the learned probe, one forward gives both the forests' features and the figure probe's density map.
  ProbeNetOutput net;
  if (m_net) net = m_net->run({rgb}).front();
  const cv::Mat f = m_net ? ProbeNet::featureRow(net) : features({rgb});
  for (int a = 0; a < kAttributeCount; ++a) {
    out[size_t(a)] = kAttributes[size_t(a)] == Attribute::FigureCount
                         ? m_figures.countFigures(m_figures.presence(rgb, net.density))
                         : int(std::lround(m_forests[size_t(a)]->predict(inputOf(kAttributes[size_t(a)], f))));
  }
  return out;
}

}  // namespace shotcraft::eval
