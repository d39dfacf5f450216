#include "core/eval/FigureProbe.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/eval/ProbeFeatures.h"
#include "core/eval/ProbeNet.h"
#include "core/scenes/Rng.h"

namespace shotcraft::eval {

namespace {

constexpr int kCell = kProbeWidth / kFigureGridWidth;  // 4 px
constexpr int kPositivesPerFrame = 30;                 // fitting cells per frame inside figures
constexpr int kNegativesPerFrame = 90;                 // ... and outside (figures cover few cells)
constexpr int kBins = 6;
constexpr int kFeatures = 3 + 3 + 3 + 1 + kBins + 1 + 1 + 1 + kBins + 1 + 3;

// One row per grid cell.
cv::Mat cellFeatures(const cv::Mat& probe_rgb) {
  constexpr int W = kFigureGridWidth, H = kFigureGridHeight;
  cv::Mat lab8, lab, grey, gx, gy, magnitude, angle;
  cv::cvtColor(probe_rgb, lab8, cv::COLOR_RGB2Lab);
  lab8.convertTo(lab, CV_32FC3, 1.0 / 255.0);
  cv::cvtColor(probe_rgb, grey, cv::COLOR_RGB2GRAY);
  grey.convertTo(grey, CV_32F, 1.0 / 255.0);
  cv::Sobel(grey, gx, CV_32F, 1, 0, 3);
  cv::Sobel(grey, gy, CV_32F, 0, 1, 3);
  cv::cartToPolar(gx, gy, magnitude, angle);
  cv::Mat dark = grey < 0.2f;
  dark.convertTo(dark, CV_32F, 1.0 / 255.0);

  cv::Mat cellLab, nearLab, wideLab, cellDark, darkNear;
  cv::resize(lab, cellLab, {W, H}, 0, 0, cv::INTER_AREA);
  cv::blur(cellLab, nearLab, {3, 5}, {-1, -1}, cv::BORDER_REPLICATE);   // a figure-shaped window
  cv::blur(cellLab, wideLab, {17, 3}, {-1, -1}, cv::BORDER_REPLICATE);  // its surroundings along the row
  cv::resize(dark, cellDark, {W, H}, 0, 0, cv::INTER_AREA);
  cv::blur(cellDark, darkNear, {3, 5}, {-1, -1}, cv::BORDER_REPLICATE);
  // Orientation histograms per cell, then summed over the 3 x 5 window.
  std::vector<cv::Mat> bins(kBins);
  for (auto& b : bins) b = cv::Mat::zeros(H, W, CV_32F);
  for (int y = 0; y < H * kCell; ++y) {
    const float* m = magnitude.ptr<float>(y);
    const float* a = angle.ptr<float>(y);
    for (int x = 0; x < W * kCell; ++x) {
      float t = a[x];
      if (t >= float(CV_PI)) t -= float(CV_PI);
      const int bin = std::min(kBins - 1, int(t / float(CV_PI) * kBins));
      bins[size_t(bin)].at<float>(y / kCell, x / kCell) += m[x];
    }
  }
  std::vector<cv::Mat> tall(kBins);  // the same over a figure-tall 3 x 11 window
  for (int b = 0; b < kBins; ++b) cv::blur(bins[size_t(b)], tall[size_t(b)], {3, 11}, {-1, -1}, cv::BORDER_REPLICATE);
  for (auto& b : bins) cv::blur(b, b, {3, 5}, {-1, -1}, cv::BORDER_REPLICATE);
  cv::Mat darkTall, tallLab;
  cv::blur(cellDark, darkTall, {3, 11}, {-1, -1}, cv::BORDER_REPLICATE);
  cv::blur(cellLab, tallLab, {3, 11}, {-1, -1}, cv::BORDER_REPLICATE);

  cv::Mat out(W * H, kFeatures, CV_32F);
  for (int y = 0; y < H; ++y) {
    for (int x = 0; x < W; ++x) {
      float* o = out.ptr<float>(y * W + x);
      int k = 0;
      const cv::Vec3f c = cellLab.at<cv::Vec3f>(y, x), n = nearLab.at<cv::Vec3f>(y, x), w = wideLab.at<cv::Vec3f>(y, x);
      for (int i = 0; i < 3; ++i) o[k++] = c[i];
      for (int i = 0; i < 3; ++i) o[k++] = n[i] - w[i];
      for (int i = 0; i < 3; ++i) o[k++] = std::abs(c[i] - w[i]);
      o[k++] = (y + 0.5f) / H;
      float total = 1e-3f;
      for (int b = 0; b < kBins; ++b) total += bins[size_t(b)].at<float>(y, x);
      for (int b = 0; b < kBins; ++b) o[k++] = bins[size_t(b)].at<float>(y, x) / total;
      o[k++] = total / (15.0f * kCell * kCell);
      o[k++] = cellDark.at<float>(y, x);
      o[k++] = darkNear.at<float>(y, x);
      float tallTotal = 1e-3f;
      for (int b = 0; b < kBins; ++b) tallTotal += tall[size_t(b)].at<float>(y, x);
      for (int b = 0; b < kBins; ++b) o[k++] = tall[size_t(b)].at<float>(y, x) / tallTotal;
      o[k++] = darkTall.at<float>(y, x);
      const cv::Vec3f t = tallLab.at<cv::Vec3f>(y, x);
      for (int i = 0; i < 3; ++i) o[k++] = t[i] - w[i];
      CV_Assert(k == kFeatures);
    }
  }
  return out;
}

}  // namespace

cv::Mat FigureProbe::cellRows(const cv::Mat& probe_rgb, const cv::Mat& net_density) const {
  const cv::Mat cells = cellFeatures(probe_rgb);
  if (!m_net) return cells;
  // The density map (1/8 scale) brought to the cell grid (1/4), the mass on the cell and in a figure-tall window.
  cv::Mat density, near, tall;
  cv::resize(net_density.empty() ? m_net->run({probe_rgb}).front().density : net_density, density,
             {kFigureGridWidth, kFigureGridHeight}, 0, 0, cv::INTER_LINEAR);
  cv::blur(density, near, {3, 5}, {-1, -1}, cv::BORDER_REPLICATE);
  cv::blur(density, tall, {5, 11}, {-1, -1}, cv::BORDER_REPLICATE);
  std::vector<cv::Mat> columns = {cells, density.reshape(1, cells.rows), near.reshape(1, cells.rows),
                                  tall.reshape(1, cells.rows)};
  cv::Mat out;
  cv::hconcat(columns, out);
  return out;
}

cv::Mat FigureProbe::truth(const scenes::SceneSample& sample) {
  cv::Mat mask = cv::Mat::zeros(kFigureGridHeight, kFigureGridWidth, CV_32F);
  const float sx = float(kFigureGridWidth) / float(sample.rgb.cols),
              sy = float(kFigureGridHeight) / float(sample.rgb.rows);
  for (const scenes::Keypoints& kp : sample.keypoints) {
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (const cv::Point2f& p : kp) {
      if (std::isnan(p.x) || std::isnan(p.y)) continue;
      x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    }
    if (x1 < x0) continue;
    const float h = y1 - y0;
    const cv::Rect r(cv::Point(int(std::floor((x0 - 0.06f * h) * sx)), int(std::floor((y0 - 0.1f * h) * sy))),
                     cv::Point(int(std::ceil((x1 + 0.06f * h) * sx)), int(std::ceil((y1 + 0.03f * h) * sy))));
    mask(r & cv::Rect(0, 0, kFigureGridWidth, kFigureGridHeight)).setTo(1.0f);
  }
  return mask;
}

bool FigureProbe::fit(const std::vector<ProbeFrame>& frames, std::string* error) {
  scenes::Rng rng(0xF16E5ull);
  cv::Mat features, targets;
  for (const ProbeFrame& frame : frames) {
    const cv::Mat cells = cellRows(toProbeSize(frame.rgb));
    const cv::Mat mask = truth(frame.sample);
    std::vector<int> pos, neg;
    for (int i = 0; i < cells.rows; ++i)
      (mask.at<float>(i / kFigureGridWidth, i % kFigureGridWidth) > 0 ? pos : neg).push_back(i);
    for (const std::vector<int>* set : {&pos, &neg}) {
      if (set->empty()) continue;
      const int samples = set == &pos ? kPositivesPerFrame : kNegativesPerFrame;
      for (int k = 0; k < samples; ++k) {
        const int i = (*set)[size_t(rng.range(0, int(set->size()) - 1))];
        features.push_back(cells.row(i));
        targets.push_back(set == &pos ? 1.0f : 0.0f);
      }
    }
  }
  if (features.rows < 100) {
    *error = "the figure probe needs more fitting frames";
    return false;
  }
  cv::setRNGSeed(0xF16E);
  m_forest = cv::ml::RTrees::create();
  m_forest->setMaxDepth(14);
  m_forest->setMinSampleCount(4);
  m_forest->setRegressionAccuracy(0.01f);
  m_forest->setActiveVarCount(5);
  m_forest->setTermCriteria({cv::TermCriteria::MAX_ITER, 30, 0.0});
  const std::vector<uchar> varType(size_t(features.cols) + 1, cv::ml::VAR_ORDERED);
  if (!m_forest->train(cv::ml::TrainData::create(features, cv::ml::ROW_SAMPLE, targets, cv::noArray(), cv::noArray(),
                                                 cv::noArray(), varType))) {
    *error = "could not fit the figure probe";
    m_forest.release();
    return false;
  }
  return true;
}

cv::Mat FigureProbe::presence(const cv::Mat& probe_rgb) const { return presence(probe_rgb, cv::Mat()); }

cv::Mat FigureProbe::presence(const cv::Mat& probe_rgb, const cv::Mat& net_density) const {
  cv::Mat predicted;
  m_forest->predict(cellRows(toProbeSize(probe_rgb), net_density), predicted);
  return predicted.reshape(1, kFigureGridHeight).clone();
}

int FigureProbe::countBlobs(const cv::Mat& presence, float threshold, int min_cells) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(presence > threshold, labels, stats, centroids, 8);
  int blobs = 0;
  for (int i = 1; i < n; ++i) blobs += stats.at<int>(i, cv::CC_STAT_AREA) >= min_cells;
  return std::min(blobs, scenes::kMaxFigures);
}

int FigureProbe::countFigures(const cv::Mat& presence) const {
  return countBlobs(presence, m_threshold, m_minCells);
}

void FigureProbe::fitCountRule(const std::vector<ProbeFrame>& frames) {
  std::vector<cv::Mat> maps;
  for (const ProbeFrame& f : frames) maps.push_back(presence(f.rgb));
  int best = -1;
  for (float t : {0.5f, 0.6f, 0.7f, 0.8f}) {
    for (int cells : {2, 4, 6, 9, 12}) {
      int hits = 0;
      for (size_t i = 0; i < frames.size(); ++i)
        hits += countBlobs(maps[i], t, cells) == int(frames[i].sample.keypoints.size());
      if (hits > best) best = hits, m_threshold = t, m_minCells = cells;
    }
  }
}

}  // namespace shotcraft::eval
