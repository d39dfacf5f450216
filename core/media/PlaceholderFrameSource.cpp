#include "core/media/PlaceholderFrameSource.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/media/CaptionLayout.h"
#include "core/media/TextPainter.h"

namespace shotcraft::media {

PlaceholderFrameSource::PlaceholderFrameSource(PlaceholderCard card, int width, int height)
    : m_card(std::move(card)), m_width(std::max(16, width)), m_height(std::max(16, height)) {
  m_card.fps = std::max(1, m_card.fps);
  m_card.duration_s = std::max(1.0 / m_card.fps, m_card.duration_s);
}

PlaceholderFrameSource::~PlaceholderFrameSource() = default;

int PlaceholderFrameSource::frameCount() const {
  return std::max(1, int(std::lround(m_card.duration_s * m_card.fps)));
}

PlaceholderLayout PlaceholderFrameSource::layout(const PlaceholderCard& card, int frameCount, int width, int height,
                                                 const TextPainter& painter) {
  PlaceholderLayout out;
  const cv::Rect area = CaptionLayout::forFrame(width, height).freeArea();
  const int h = area.height;
  const int left = std::max(4, width / 24);
  const int maxWidth = width - 2 * left;
  const int bottom = area.y + area.height;
  const int gap = std::max(1, h / 20);
  // A size that keeps `text` within maxWidth (long headings shrink rather than run off the card).
  auto fitted = [&](const QString& text, int size) {
    const int w = painter.measure(text, size).width;
    return w > maxWidth && w > 0 ? std::max(4, size * maxWidth / w) : size;
  };
  auto add = [&](const QString& text, int y, int size, cv::Scalar colour) {
    const cv::Rect box(left, y, std::min(maxWidth, painter.measure(text, size).width), size);
    if (text.isEmpty() || box.y + box.height > bottom) return false;  // no room: leave it out
    out.texts.push_back({text, box, size, colour});
    return true;
  };

  // From the bottom up: the progress bar, then the timing line above it.
  const int barH = std::max(2, h / 40);
  out.bar = cv::Rect(left, bottom - barH, maxWidth, barH);
  const int infoSize = std::max(4, h / 10);
  const QString info =
      QStringLiteral("%1 s  |  %2 frames @ %3 fps").arg(card.duration_s, 0, 'f', 2).arg(frameCount).arg(card.fps);
  const int infoY = out.bar.y - gap - infoSize;

  // From the top down: what this is, which shot, its title; all above the timing line.
  int y = area.y;
  const QString tag = QStringLiteral("PLACEHOLDER: ") + card.reason;
  const int tagSize = fitted(tag, std::max(4, h / 10));
  if (add(tag, y, tagSize, cv::Scalar(240, 180, 50))) y += tagSize + gap;
  const QString heading = card.shotId.isEmpty() ? QStringLiteral("Shot %1").arg(card.number)
                                                : QStringLiteral("Shot %1  (%2)").arg(card.number).arg(card.shotId);
  const int bigSize = fitted(heading, std::max(5, h / 5));
  if (y + bigSize <= infoY - gap && add(heading, y, bigSize, cv::Scalar(240, 240, 240))) y += bigSize + gap;
  const int titleSize = std::max(4, h / 8);
  for (const QString& line : painter.wrap(card.title, titleSize, maxWidth, 2)) {
    if (y + titleSize > infoY - gap || !add(line, y, titleSize, cv::Scalar(205, 210, 220))) break;
    y += titleSize + titleSize / 4;
  }
  if (infoY >= area.y) add(info, infoY, fitted(info, infoSize), cv::Scalar(170, 176, 188));
  if (out.bar.y < area.y) out.bar = cv::Rect();
  return out;
}

void PlaceholderFrameSource::drawCard() {
  m_card_rgb = Image(m_width, m_height, 3);
  cv::Mat mat(m_height, m_width, CV_8UC3, m_card_rgb.data.data());
  mat.setTo(cv::Scalar(38, 41, 48));
  // Diagonal hatching: the universal "nothing here yet" pattern, never mistaken for a render.
  const int step = std::max(8, m_height / 8);
  for (int x = -m_height; x < m_width; x += step) {
    cv::line(mat, {x, m_height}, {x + m_height, 0}, cv::Scalar(48, 52, 60), std::max(1, step / 4), cv::LINE_AA);
  }
  const int border = std::max(1, m_height / 60);
  cv::rectangle(mat, {border, border}, {m_width - 1 - border, m_height - 1 - border}, cv::Scalar(230, 170, 40),
                border);

  TextPainter painter;
  m_layout = layout(m_card, frameCount(), m_width, m_height, painter);
  for (const PlaceholderLayout::Text& t : m_layout.texts) {
    painter.draw(mat, t.text, t.box.tl(), t.size_px, t.colour);
  }
}

bool PlaceholderFrameSource::frame(int index, Image& out, std::string* error) {
  if (index < 0 || index >= frameCount()) {
    if (error) *error = "placeholder frame " + std::to_string(index) + " is out of range";
    return false;
  }
  if (m_card_rgb.empty()) drawCard();
  out = m_card_rgb;
  cv::Mat mat(m_height, m_width, CV_8UC3, out.data.data());
  // The bar fills left to right over the shot's duration.
  const cv::Rect bar = m_layout.bar;
  if (bar.empty()) return true;
  const double t = frameCount() > 1 ? double(index) / (frameCount() - 1) : 1.0;
  cv::rectangle(mat, bar, cv::Scalar(70, 74, 84), cv::FILLED);
  const int filled = int(std::lround(bar.width * t));
  if (filled > 0) cv::rectangle(mat, cv::Rect(bar.x, bar.y, filled, bar.height), cv::Scalar(230, 170, 40), cv::FILLED);
  return true;
}

}  // namespace shotcraft::media
