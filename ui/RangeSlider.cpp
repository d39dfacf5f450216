#include "ui/RangeSlider.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace shotcraft::ui {

namespace {
constexpr double kMargin_px = 8.0;
constexpr double kHandleRadius_px = 6.0;

double snap(double v) {
  return std::clamp(std::round(v / RangeSlider::kStep) * RangeSlider::kStep, 0.0, 1.0);
}
}  // namespace

RangeSlider::RangeSlider(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setFixedHeight(22);
}

void RangeSlider::setRange(double lower, double upper) {
  lower = std::clamp(lower, 0.0, 1.0);
  upper = std::clamp(upper, 0.0, 1.0);
  m_lower = std::min(lower, upper);
  m_upper = std::max(lower, upper);
  update();
}

double RangeSlider::xForValue(double v) const {
  return kMargin_px + (width() - 2.0 * kMargin_px) * v;
}

double RangeSlider::valueForX(double x) const {
  const double span = std::max(1.0, width() - 2.0 * kMargin_px);
  return snap((x - kMargin_px) / span);
}

void RangeSlider::moveHandle(Handle handle, double value) {
  const double lower = handle == Handle::Lower ? std::min(value, m_upper) : m_lower;
  const double upper = handle == Handle::Upper ? std::max(value, m_lower) : m_upper;
  if (lower == m_lower && upper == m_upper) return;
  m_lower = lower;
  m_upper = upper;
  update();
  emit rangeEdited(m_lower, m_upper);
}

void RangeSlider::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const double y = height() / 2.0;
  const QPalette::ColorGroup group = isEnabled() ? QPalette::Active : QPalette::Disabled;
  p.setPen(QPen(palette().color(group, QPalette::Mid), 4.0, Qt::SolidLine, Qt::RoundCap));
  p.drawLine(QPointF(xForValue(0.0), y), QPointF(xForValue(1.0), y));
  p.setPen(QPen(palette().color(group, QPalette::Highlight), 4.0, Qt::SolidLine, Qt::RoundCap));
  p.drawLine(QPointF(xForValue(m_lower), y), QPointF(xForValue(m_upper), y));
  for (Handle h : {Handle::Lower, Handle::Upper}) {
    const double x = xForValue(h == Handle::Lower ? m_lower : m_upper);
    p.setPen(QPen(palette().color(group, hasFocus() && h == m_focus ? QPalette::Highlight : QPalette::Dark), 1.5));
    p.setBrush(palette().color(group, QPalette::Button));
    p.drawEllipse(QPointF(x, y), kHandleRadius_px, kHandleRadius_px);
  }
}

void RangeSlider::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  const double x = event->position().x();
  const double toLower = std::abs(x - xForValue(m_lower));
  const double toUpper = std::abs(x - xForValue(m_upper));
  // The nearer handle; when both sit together, the side of the click decides.
  if (toLower < toUpper || (toLower == toUpper && x < xForValue(m_lower))) {
    m_drag = Handle::Lower;
  } else {
    m_drag = Handle::Upper;
  }
  m_focus = m_drag;
  emit dragStarted();
  moveHandle(m_drag, valueForX(x));
}

void RangeSlider::mouseMoveEvent(QMouseEvent* event) {
  if (m_drag == Handle::None) return QWidget::mouseMoveEvent(event);
  moveHandle(m_drag, valueForX(event->position().x()));
}

void RangeSlider::mouseReleaseEvent(QMouseEvent* event) {
  if (m_drag == Handle::None) return QWidget::mouseReleaseEvent(event);
  moveHandle(m_drag, valueForX(event->position().x()));
  m_drag = Handle::None;
}

void RangeSlider::keyPressEvent(QKeyEvent* event) {
  const double step = event->modifiers() & Qt::ShiftModifier ? 0.1 : kStep;
  const double current = m_focus == Handle::Lower ? m_lower : m_upper;
  switch (event->key()) {
    case Qt::Key_Left:
      moveHandle(m_focus, snap(current - step));
      break;
    case Qt::Key_Right:
      moveHandle(m_focus, snap(current + step));
      break;
    case Qt::Key_Up:
    case Qt::Key_Down:  // the other handle
      m_focus = m_focus == Handle::Lower ? Handle::Upper : Handle::Lower;
      update();
      break;
    default:
      return QWidget::keyPressEvent(event);
  }
  event->accept();
}

}  // namespace shotcraft::ui
