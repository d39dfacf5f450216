#include "core/media/CaptionLayout.h"

#include <algorithm>

namespace shotcraft::media {

CaptionLayout CaptionLayout::forFrame(int width, int height) {
  CaptionLayout l;
  l.width = width;
  l.height = height;
  l.margin_px = std::max(3, height / 40);
  l.label_px = std::max(9, height / 16);
  l.line_px = std::max(10, height / 14);
  l.line_step_px = l.line_px + l.line_px / 4;
  return l;
}

int CaptionLayout::outlinePx(int text_px) { return std::max(1, text_px / 12); }

cv::Rect CaptionLayout::labelRect(int textWidth_px) const {
  const int d = outlinePx(label_px);
  return cv::Rect(margin_px - d, margin_px - d, textWidth_px + 2 * d, label_px + 2 * d) & cv::Rect(0, 0, width, height);
}

cv::Rect CaptionLayout::labelStrip() const { return labelRect(width); }

cv::Rect CaptionLayout::dialogueBand(int lines) const {
  if (lines <= 0) return {};
  const int top = std::max(0, height - margin_px - lines * line_step_px - margin_px);
  return {0, top, width, height - top};
}

cv::Rect CaptionLayout::dialogueLine(int i, int lines, int textWidth_px) const {
  const int d = outlinePx(line_px);
  const int x = std::max(margin_px, (width - textWidth_px) / 2);
  const int y = dialogueBand(lines).y + margin_px + i * line_step_px;
  return cv::Rect(x - d, y - d, textWidth_px + 2 * d, line_px + 2 * d) & cv::Rect(0, 0, width, height);
}

cv::Rect CaptionLayout::freeArea() const {
  const cv::Rect strip = labelStrip();
  const int top = strip.y + strip.height + margin_px;
  const int bottom = dialogueBand(kMaxDialogueLines).y - margin_px;
  return {0, top, width, std::max(0, bottom - top)};
}

}  // namespace shotcraft::media
