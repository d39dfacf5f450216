#include "core/media/Timeline.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/media/CaptionLayout.h"
#include "core/media/ImageOps.h"
#include "core/media/TextPainter.h"

namespace shotcraft::media {

Timeline::Timeline(std::vector<TimelineClip> clips, TimelineOptions options)
    : m_clips(std::move(clips)), m_options(options) {
  m_options.fps = std::max(1, m_options.fps);
  m_options.width = std::max(2, m_options.width);
  m_options.height = std::max(2, m_options.height);
  m_options.dissolve_frames = std::max(0, m_options.dissolve_frames);
  double start_s = 0.0;
  m_starts.push_back(0);
  for (const TimelineClip& c : m_clips) {
    start_s += std::max(0.0, c.duration_s);
    m_starts.push_back(std::max(m_starts.back(), int(std::lround(start_s * m_options.fps))));
  }
}

Timeline::~Timeline() = default;
Timeline::Timeline(Timeline&&) noexcept = default;
Timeline& Timeline::operator=(Timeline&&) noexcept = default;

int Timeline::clipAt(int index) const {
  // The last clip whose start is <= index (empty clips are skipped by upper_bound).
  const auto it = std::upper_bound(m_starts.begin(), m_starts.end() - 1, index);
  return std::max(0, int(it - m_starts.begin()) - 1);
}

bool Timeline::clipFrame(int k, int local, Image& out, std::string* error) {
  FrameSource& src = *m_clips[size_t(k)].source;
  // Resample by time: output frame j shows the source frame on screen at j / fps.
  const double t_s = double(local) / m_options.fps;
  const int i = std::clamp(int(std::floor(t_s * src.fps() + 1e-6)), 0, std::max(0, src.frameCount() - 1));
  Image raw;
  if (!src.frame(i, raw, error)) return false;
  out = (raw.width == m_options.width && raw.height == m_options.height && raw.channels == 3)
            ? std::move(raw)
            : fitImage(raw, m_options.width, m_options.height);
  return true;
}

bool Timeline::frame(int index, Image& out, std::string* error) {
  if (index < 0 || index >= frameCount()) {
    if (error) *error = "timeline frame " + std::to_string(index) + " is out of range";
    return false;
  }
  const int k = clipAt(index);
  if (!clipFrame(k, index - m_starts[size_t(k)], out, error)) return false;

  // A dissolve around the cut before clip k (index past it) or after it (index before the next one).
  const int n = m_options.dissolve_frames;
  if (n > 0) {
    auto clipLength = [&](int c) { return m_starts[size_t(c) + 1] - m_starts[size_t(c)]; };
    auto blend = [&](int before, int after) -> bool {
      const int cut = m_starts[size_t(after)];
      const int len = std::min({n, clipLength(before), clipLength(after)});
      const int first = cut - len / 2;
      if (len < 2 || index < first || index >= first + len) return true;
      const double t = (index - first + 0.5) / len;
      Image a;
      Image b;
      const int localA = std::min(index - m_starts[size_t(before)], clipLength(before) - 1);
      const int localB = std::max(index - cut, 0);
      if (!clipFrame(before, localA, a, error) || !clipFrame(after, localB, b, error)) return false;
      out = crossFade(a, b, t);
      return true;
    };
    int next = k + 1;
    while (next < clipCount() && clipLength(next) == 0) ++next;
    int prev = k - 1;
    while (prev >= 0 && clipLength(prev) == 0) --prev;
    if (prev >= 0 && !blend(prev, k)) return false;
    if (next < clipCount() && !blend(k, next)) return false;
  }
  if (m_options.captions) drawCaptions(k, out);
  return true;
}

CaptionBoxes Timeline::captionBoxes(int k) {
  if (!m_text) m_text = std::make_unique<TextPainter>();
  const TimelineClip& c = m_clips[size_t(k)];
  const CaptionLayout l = CaptionLayout::forFrame(m_options.width, m_options.height);
  CaptionBoxes boxes;
  boxes.label = c.shotId.isEmpty() ? QStringLiteral("#%1").arg(c.number)
                                   : QStringLiteral("#%1  %2").arg(c.number).arg(c.shotId);
  boxes.labelBox = l.labelRect(m_text->measure(boxes.label, l.label_px).width);
  const QString dialogue = c.dialogue.simplified();
  if (dialogue.isEmpty()) return boxes;
  boxes.lines = m_text->wrap(dialogue, l.line_px, l.width - 4 * l.margin_px, CaptionLayout::kMaxDialogueLines);
  boxes.band = l.dialogueBand(int(boxes.lines.size()));
  for (int i = 0; i < boxes.lines.size(); ++i) {
    const int textWidth = m_text->measure(boxes.lines[i], l.line_px).width;
    boxes.lineBoxes.push_back(l.dialogueLine(i, int(boxes.lines.size()), textWidth));
  }
  return boxes;
}

void Timeline::drawCaptions(int k, Image& frame) {
  const CaptionBoxes boxes = captionBoxes(k);
  const CaptionLayout l = CaptionLayout::forFrame(m_options.width, m_options.height);
  cv::Mat mat = asMat(frame);
  const int labelOutline = CaptionLayout::outlinePx(l.label_px);
  m_text->drawOutlined(mat, boxes.label, boxes.labelBox.tl() + cv::Point(labelOutline, labelOutline), l.label_px,
                       cv::Scalar(255, 255, 255));
  if (boxes.lines.isEmpty()) return;
  // A translucent dark band keeps the text readable on bright frames.
  cv::Mat band = mat(boxes.band);
  band.convertTo(band, -1, 0.45, 0.0);
  const int lineOutline = CaptionLayout::outlinePx(l.line_px);
  for (int i = 0; i < boxes.lines.size(); ++i) {
    m_text->drawOutlined(mat, boxes.lines[i], boxes.lineBoxes[size_t(i)].tl() + cv::Point(lineOutline, lineOutline),
                         l.line_px, cv::Scalar(255, 240, 140));
  }
}

}  // namespace shotcraft::media
