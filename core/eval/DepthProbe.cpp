#include "core/eval/DepthProbe.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/eval/ProbeFeatures.h"
#include "core/scenes/Rng.h"

namespace shotcraft::eval {

namespace {
constexpr int kCellsPerFrame = 48;  // random cells per fitting frame (all cells would be slow to fit)
}

cv::Mat DepthProbe::toGrid(const cv::Mat& depth8) {
  CV_Assert(depth8.type() == CV_8UC1);
  cv::Mat f, grid;
  depth8.convertTo(f, CV_32F);
  cv::resize(f, grid, {kDepthGridWidth, kDepthGridHeight}, 0, 0, cv::INTER_AREA);
  return grid;
}

double DepthProbe::correlation(const cv::Mat& a, const cv::Mat& b) {
  CV_Assert(a.size() == b.size() && a.type() == CV_32F && b.type() == CV_32F);
  cv::Scalar ma, sa, mb, sb;
  cv::meanStdDev(a, ma, sa);
  cv::meanStdDev(b, mb, sb);
  if (sa[0] < 1e-6 || sb[0] < 1e-6) return 0.0;
  cv::Mat da = a - ma[0], db = b - mb[0];
  return da.dot(db) / (double(a.total()) * sa[0] * sb[0]);
}

double DepthProbe::residualCorrelation(const cv::Mat& truth, const cv::Mat& estimate) const {
  return correlation(truth - m_prior, estimate - m_prior);
}

bool DepthProbe::fit(const std::vector<ProbeFrame>& frames, std::string* error) {
  if (frames.size() < 10) {
    *error = "the depth probe needs at least 10 fitting frames, got " + std::to_string(frames.size());
    return false;
  }
  scenes::Rng rng(0xDE97Bull);
  cv::Mat features, targets;
  m_prior = cv::Mat::zeros(kDepthGridHeight, kDepthGridWidth, CV_32F);
  for (const ProbeFrame& frame : frames) {
    const cv::Mat cells = depthCellFeatures(toProbeSize(frame.rgb));
    const cv::Mat truth = toGrid(frame.sample.depth);
    m_prior += truth;
    for (int k = 0; k < kCellsPerFrame; ++k) {
      const int i = rng.range(0, cells.rows - 1);
      features.push_back(cells.row(i));
      targets.push_back(truth.at<float>(i / kDepthGridWidth, i % kDepthGridWidth));
    }
  }
  cv::Mat rowMean;
  cv::reduce(m_prior / double(frames.size()), rowMean, 1, cv::REDUCE_AVG);
  cv::repeat(rowMean, 1, kDepthGridWidth, m_prior);

  cv::setRNGSeed(0xDE97);
  m_forest = cv::ml::RTrees::create();
  m_forest->setMaxDepth(14);
  m_forest->setMinSampleCount(4);
  m_forest->setRegressionAccuracy(0.5f);
  m_forest->setActiveVarCount(6);
  m_forest->setTermCriteria({cv::TermCriteria::MAX_ITER, 40, 0.0});
  const std::vector<uchar> varType(size_t(features.cols) + 1, cv::ml::VAR_ORDERED);  // regression
  if (!m_forest->train(cv::ml::TrainData::create(features, cv::ml::ROW_SAMPLE, targets, cv::noArray(), cv::noArray(),
                                                 cv::noArray(), varType))) {
    *error = "could not fit the depth probe";
    m_forest.release();
    return false;
  }
  return true;
}

cv::Mat DepthProbe::estimate(const cv::Mat& probe_rgb) const {
  const cv::Mat cells = depthCellFeatures(toProbeSize(probe_rgb));
  cv::Mat predicted;
  m_forest->predict(cells, predicted);
  return predicted.reshape(1, kDepthGridHeight).clone();
}

}  // namespace shotcraft::eval
