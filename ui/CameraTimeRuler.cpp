#include "ui/CameraTimeRuler.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace shotcraft::ui {

namespace {
constexpr double kMargin_px = 10.0;
constexpr double kKeyHit_px = 7.0;
constexpr double kMinKeyGap_s = 0.01;  // keyframe times stay strictly increasing
}  // namespace

CameraTimeRuler::CameraTimeRuler(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("cameraTimeRuler"));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setFixedHeight(34);
}

void CameraTimeRuler::setDuration(double duration_s) {
  m_duration_s = std::max(0.01, duration_s);
  update();
}

void CameraTimeRuler::setKeyTimes(const std::vector<double>& times_s) {
  m_keys_s = times_s;
  update();
}

void CameraTimeRuler::setSelectedKey(int key) {
  m_selected = key;
  update();
}

void CameraTimeRuler::setPlayhead(double t_s) {
  m_playhead_s = std::clamp(t_s, 0.0, m_duration_s);
  update();
}

double CameraTimeRuler::xForTime(double t_s) const {
  return kMargin_px + (width() - 2.0 * kMargin_px) * (t_s / m_duration_s);
}

double CameraTimeRuler::timeForX(double x) const {
  const double span = std::max(1.0, width() - 2.0 * kMargin_px);
  return std::clamp((x - kMargin_px) / span * m_duration_s, 0.0, m_duration_s);
}

void CameraTimeRuler::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().color(QPalette::Base));
  const double base = height() - 8.0;
  p.setPen(palette().color(QPalette::Text));
  p.drawLine(QPointF(xForTime(0.0), base), QPointF(xForTime(m_duration_s), base));
  const int seconds = int(std::floor(m_duration_s));
  const int every = seconds > 20 ? 5 : 1;
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  p.setFont(small);
  for (int s = 0; s <= seconds; s += every) {
    const double x = xForTime(s);
    p.drawLine(QPointF(x, base - 4), QPointF(x, base));
    p.drawText(QPointF(x + 2, base - 5), QString::number(s));
  }
  const QColor accent = palette().color(QPalette::Highlight);
  for (int k = 0; k < int(m_keys_s.size()); ++k) {
    const QPointF c(xForTime(m_keys_s[size_t(k)]), base - 12.0);
    QPolygonF diamond({c + QPointF(0, -6), c + QPointF(6, 0), c + QPointF(0, 6), c + QPointF(-6, 0)});
    p.setBrush(k == m_selected ? accent : palette().color(QPalette::Button));
    p.setPen(palette().color(QPalette::Text));
    p.drawPolygon(diamond);
  }
  p.setPen(QPen(QColor(0xff, 0xb0, 0x20), 2.0));
  const double x = xForTime(m_playhead_s);
  p.drawLine(QPointF(x, 0), QPointF(x, height()));
}

void CameraTimeRuler::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  const double x = event->position().x();
  m_dragKey = -1;
  for (int k = 0; k < int(m_keys_s.size()); ++k) {
    if (std::abs(xForTime(m_keys_s[size_t(k)]) - x) <= kKeyHit_px) m_dragKey = k;
  }
  if (m_dragKey >= 0) {
    ++m_dragCount;
    setSelectedKey(m_dragKey);
    emit keySelected(m_dragKey);
    return;
  }
  m_dragPlayhead = true;
  setPlayhead(timeForX(x));
  emit playheadMoved(m_playhead_s);
}

void CameraTimeRuler::mouseMoveEvent(QMouseEvent* event) {
  const double t = timeForX(event->position().x());
  if (m_dragKey >= 0) {
    const size_t k = size_t(m_dragKey);
    const double lo = k > 0 ? m_keys_s[k - 1] + kMinKeyGap_s : 0.0;
    const double hi = k + 1 < m_keys_s.size() ? m_keys_s[k + 1] - kMinKeyGap_s : m_duration_s;
    if (lo > hi) return;
    const double clamped = std::clamp(t, lo, hi);
    if (clamped == m_keys_s[k]) return;
    m_keys_s[k] = clamped;
    update();
    emit keyTimeDragged(m_dragKey, clamped, QStringLiteral("time%1").arg(m_dragCount));
  } else if (m_dragPlayhead) {
    setPlayhead(t);
    emit playheadMoved(m_playhead_s);
  }
}

void CameraTimeRuler::mouseReleaseEvent(QMouseEvent* event) {
  if (m_dragKey >= 0 || m_dragPlayhead) mouseMoveEvent(event);
  m_dragKey = -1;
  m_dragPlayhead = false;
}

}  // namespace shotcraft::ui
