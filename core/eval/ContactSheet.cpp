#include "core/eval/ContactSheet.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/engine/Image.h"
#include "core/eval/ProbeFeatures.h"
#include "core/media/TextPainter.h"
#include "core/render/MatImage.h"

namespace shotcraft::eval {

namespace {

constexpr int kMaxFrames = 24;
constexpr int kMaxSweepRows = 4;
constexpr int kPad = 8;
constexpr int kTextPx = 13;
constexpr int kLinePx = 17;
constexpr int kCaptionLines = 3;  // two prompt lines and the probe line
const cv::Scalar kBackground(24, 24, 28);
const cv::Scalar kText(230, 230, 230);
const cv::Scalar kGood(120, 220, 120);
const cv::Scalar kMiss(245, 180, 70);

void paste(cv::Mat& sheet, const cv::Mat& rgb, int x, int y) {
  cv::Mat src = rgb;
  if (src.channels() == 1) cv::cvtColor(rgb, src, cv::COLOR_GRAY2RGB);
  if (src.size() != cv::Size(kProbeWidth, kProbeHeight)) src = toProbeSize(src);
  src.copyTo(sheet(cv::Rect(x, y, kProbeWidth, kProbeHeight)));
}

std::string probeLine(const SampleResult& r, bool* allHit) {
  std::string line;
  *allHit = true;
  for (int a = 0; a < kAttributeCount; ++a) {
    // "!" marks a miss; an attribute the prompt does not name is not judged and shows in parentheses.
    const bool named = r.named[size_t(a)], hit = r.read[size_t(a)] == r.truth[size_t(a)];
    *allHit = *allHit && (hit || !named);
    const std::string value = attributeValueName(kAttributes[size_t(a)], r.read[size_t(a)]);
    line += (a ? ", " : "read: ") + (named ? value + (hit ? "" : "!") : "(" + value + ")");
  }
  return line;
}

}  // namespace

cv::Mat drawContactSheet(const EvalResults& results, const std::string& title) {
  const int nw = int(results.options.weights.size());
  const int columns = std::max(4, 1 + nw);
  const int frames = std::min(kMaxFrames, int(results.samples.size()));
  std::vector<const SampleResult*> sweeps;
  for (const SampleResult& r : results.samples) {
    if (int(sweeps.size()) < kMaxSweepRows && !r.canny_control.empty() && int(r.canny_frames.size()) + 1 >= nw) {
      sweeps.push_back(&r);
    }
  }
  const int cellW = kProbeWidth + kPad, cellH = kProbeHeight + kCaptionLines * kLinePx + kPad;
  const int gridRows = (frames + columns - 1) / columns;
  const int headerH = kLinePx + 2 * kPad;
  const int sweepHeaderH = sweeps.empty() ? 0 : kLinePx + kPad;
  const int sweepRowH = kProbeHeight + kLinePx + kPad;
  const int width = kPad + columns * cellW;
  const int height = headerH + gridRows * cellH + sweepHeaderH + int(sweeps.size()) * sweepRowH + kPad;
  cv::Mat sheet(height, width, CV_8UC3, kBackground);
  media::TextPainter text;
  text.draw(sheet, QString::fromStdString(title), {kPad, kPad}, kTextPx + 2, kText);

  for (int i = 0; i < frames; ++i) {
    const SampleResult& r = results.samples[size_t(i)];
    const int x = kPad + (i % columns) * cellW, y = headerH + (i / columns) * cellH;
    paste(sheet, r.frame, x, y);
    const QStringList lines =
        text.wrap(QStringLiteral("%1. ").arg(r.index + 1) + QString::fromStdString(r.prompt), kTextPx, kProbeWidth, 2);
    for (int l = 0; l < lines.size(); ++l)
      text.draw(sheet, lines[l], {x, y + kProbeHeight + 2 + l * kLinePx}, kTextPx, kText);
    bool allHit = false;
    const std::string probe = probeLine(r, &allHit);
    const QStringList probeText = text.wrap(QString::fromStdString(probe), kTextPx - 1, kProbeWidth, 1);
    text.draw(sheet, probeText.value(0), {x, y + kProbeHeight + 2 + 2 * kLinePx}, kTextPx - 1, allHit ? kGood : kMiss);
  }

  int y = headerH + gridRows * cellH;
  if (!sweeps.empty()) {
    QString header = QStringLiteral("canny control");
    for (float w : results.options.weights) header += QStringLiteral("  |  weight %1").arg(double(w));
    text.draw(sheet, header, {kPad, y}, kTextPx, kText);
    y += sweepHeaderH;
  }
  for (const SampleResult* r : sweeps) {
    paste(sheet, r->canny_control, kPad, y);
    for (int w = 0; w < nw; ++w) {
      const bool textOnly = results.options.weights[size_t(w)] <= 0.0f;
      const int frameIndex = w - (nw - int(r->canny_frames.size()));
      const cv::Mat& f = textOnly || frameIndex < 0 ? r->frame : r->canny_frames[size_t(frameIndex)];
      paste(sheet, f, kPad + (w + 1) * cellW, y);
      const double f1 = w < int(r->control[1].size()) ? r->control[1][size_t(w)] : 0.0;
      text.draw(sheet, QStringLiteral("edge F1 %1").arg(f1, 0, 'f', 2), {kPad + (w + 1) * cellW, y + kProbeHeight + 2},
                kTextPx, kText);
    }
    text.draw(sheet, QStringLiteral("%1.").arg(r->index + 1), {kPad, y + kProbeHeight + 2}, kTextPx, kText);
    y += sweepRowH;
  }
  return sheet;
}

bool writeContactSheet(const std::string& path, const EvalResults& results, const std::string& title,
                       std::string* error) {
  return saveImage(path, render::fromMat(drawContactSheet(results, title)), error);
}

}  // namespace shotcraft::eval
