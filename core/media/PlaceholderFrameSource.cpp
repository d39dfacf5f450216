#include "core/media/PlaceholderFrameSource.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

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
  const int h = m_height;
  const int margin = std::max(4, m_width / 24);
  const int maxWidth = m_width - 2 * margin;
  int y = std::max(border * 3, h / 12);
  const int tagSize = std::max(8, h / 14);
  painter.draw(mat, QStringLiteral("PLACEHOLDER: ") + m_card.reason, {margin, y}, tagSize, cv::Scalar(240, 180, 50));
  y += tagSize + h / 14;

  const int bigSize = std::max(10, h / 6);
  const QString heading = m_card.shotId.isEmpty() ? QStringLiteral("Shot %1").arg(m_card.number)
                                                  : QStringLiteral("Shot %1  (%2)").arg(m_card.number).arg(m_card.shotId);
  painter.draw(mat, heading, {margin, y}, bigSize, cv::Scalar(240, 240, 240));
  y += bigSize + h / 16;

  const int titleSize = std::max(8, h / 11);
  for (const QString& line : painter.wrap(m_card.title, titleSize, maxWidth, 2)) {
    painter.draw(mat, line, {margin, y}, titleSize, cv::Scalar(205, 210, 220));
    y += titleSize + titleSize / 4;
  }
  const int infoSize = std::max(8, h / 13);
  const QString info =
      QStringLiteral("%1 s  |  %2 frames @ %3 fps").arg(m_card.duration_s, 0, 'f', 2).arg(frameCount()).arg(m_card.fps);
  painter.draw(mat, info, {margin, std::max(y, h - h / 5 - infoSize)}, infoSize, cv::Scalar(170, 176, 188));
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
  const int barH = std::max(2, m_height / 40);
  const int y0 = m_height - barH - std::max(2, m_height / 30);
  const int x0 = std::max(4, m_width / 24);
  const int x1 = m_width - x0;
  const double t = frameCount() > 1 ? double(index) / (frameCount() - 1) : 1.0;
  cv::rectangle(mat, {x0, y0}, {x1, y0 + barH}, cv::Scalar(70, 74, 84), cv::FILLED);
  cv::rectangle(mat, {x0, y0}, {x0 + int(std::lround((x1 - x0) * t)), y0 + barH}, cv::Scalar(230, 170, 40),
                cv::FILLED);
  return true;
}

}  // namespace shotcraft::media
