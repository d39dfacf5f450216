#include "ui/TimelineRuler.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/ActRow.h"
#include "ui/TimelineGeometry.h"

namespace shotcraft::ui {

namespace {
constexpr int kMinMajorSpacing_px = 70;
constexpr int kActStrip_px = 4;

struct TickStep {
  double major_s;
  int subdivisions;
};
constexpr TickStep kSteps[] = {{0.5, 5}, {1, 5}, {2, 4}, {5, 5}, {10, 5}, {15, 3}, {30, 6}, {60, 6},
                               {120, 4}, {300, 5}, {600, 6}};

// "0:05", "1:30", or "0:02.5" when the ticks are closer than a second.
QString timeLabel(double seconds, bool tenths) {
  const int whole = static_cast<int>(std::floor(seconds + 1e-6));
  QString text = QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
  if (tenths) text += QStringLiteral(".%1").arg(static_cast<int>(std::lround((seconds - whole) * 10)) % 10);
  return text;
}

QColor playheadColour() { return {0xe0, 0x45, 0x3a}; }
QColor beatColour() { return {0xc0, 0x4f, 0xd8}; }
}  // namespace

TimelineRuler::TimelineRuler(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("TimelineRuler"));
  setFixedHeight(kHeight_px);
  setCursor(Qt::IBeamCursor);
  retranslate();
}

void TimelineRuler::setPixelsPerSecond(double pixelsPerSecond) {
  m_pixelsPerSecond = pixelsPerSecond;
  update();
}

void TimelineRuler::setActEnds(const std::array<double, 3>& actEnds_s) {
  m_actEnds_s = actEnds_s;
  update();
}

void TimelineRuler::setBeats(std::vector<double> beats_s) {
  m_beats_s = std::move(beats_s);
  update();
}

void TimelineRuler::setPlayhead(double seconds) {
  m_playhead_s = seconds;
  update();
}

int TimelineRuler::xForTime(double seconds) const {
  return timeline::kBandInset_px + static_cast<int>(std::lround(seconds * m_pixelsPerSecond));
}

double TimelineRuler::timeForX(int x) const { return (x - timeline::kBandInset_px) / m_pixelsPerSecond; }

double TimelineRuler::majorTickStep_s() const {
  for (const TickStep& step : kSteps)
    if (step.major_s * m_pixelsPerSecond >= kMinMajorSpacing_px) return step.major_s;
  return kSteps[std::size(kSteps) - 1].major_s;
}

void TimelineRuler::paintEvent(QPaintEvent* event) {
  QPainter painter(this);
  const QRect area = event->rect();
  painter.fillRect(rect(), palette().color(QPalette::Window));
  const double from_s = std::max(0.0, timeForX(area.left()) - 1.0);
  const double to_s = timeForX(area.right()) + 1.0;

  // The acts' stretches along the bottom.
  double start_s = 0.0;
  for (int act = 0; act < static_cast<int>(m_actEnds_s.size()); ++act) {
    const int left = xForTime(start_s);
    painter.fillRect(QRect(left, height() - kActStrip_px, xForTime(m_actEnds_s[act]) - left, kActStrip_px),
                     ActRow::accentColor(act));
    start_s = m_actEnds_s[act];
  }

  // Ticks and times.
  const double major_s = majorTickStep_s();
  int subdivisions = 5;
  for (const TickStep& step : kSteps)
    if (step.major_s == major_s) subdivisions = step.subdivisions;
  const double minor_s = major_s / subdivisions;
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  painter.setFont(small);
  const QColor tick = palette().color(QPalette::Mid);
  const QColor text = palette().color(QPalette::WindowText);
  const int base = height() - kActStrip_px - 1;
  for (long i = static_cast<long>(std::floor(from_s / minor_s)); i * minor_s <= to_s; ++i) {
    const double t = i * minor_s;
    const int x = xForTime(t);
    const bool major = i % subdivisions == 0;
    painter.setPen(tick);
    painter.drawLine(x, base, x, base - (major ? 12 : 5));
    if (major) {
      painter.setPen(text);
      painter.drawText(QPoint(x + 3, base - 13), timeLabel(t, major_s < 1.0));
    }
  }
  painter.setPen(tick);
  painter.drawLine(0, base, width(), base);

  // Beats: thin lines on the lower half of the ruler.
  painter.setPen(QPen(beatColour(), 1.0));
  auto it = std::lower_bound(m_beats_s.begin(), m_beats_s.end(), from_s);
  for (; it != m_beats_s.end() && *it <= to_s; ++it) {
    const int x = xForTime(*it);
    painter.drawLine(x, height() / 2, x, base);
  }

  // The playhead: a marker at the top and its line down to the bands.
  const int x = xForTime(m_playhead_s);
  painter.setRenderHint(QPainter::Antialiasing);
  QPainterPath marker;
  marker.moveTo(x - 6, 0);
  marker.lineTo(x + 6, 0);
  marker.lineTo(x + 6, 6);
  marker.lineTo(x, 12);
  marker.lineTo(x - 6, 6);
  marker.closeSubpath();
  painter.fillPath(marker, playheadColour());
  painter.setPen(QPen(playheadColour(), 1.5));
  painter.drawLine(QPointF(x, 10), QPointF(x, height()));
}

void TimelineRuler::requestAt(const QMouseEvent* event) {
  double t = std::max(0.0, timeForX(static_cast<int>(std::lround(event->position().x()))));
  if (!(event->modifiers() & Qt::ShiftModifier)) t = timeline::snapSeconds(t);
  emit playheadRequested(t);
}

void TimelineRuler::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  requestAt(event);
  event->accept();
}

void TimelineRuler::mouseMoveEvent(QMouseEvent* event) {
  if (!(event->buttons() & Qt::LeftButton)) return QWidget::mouseMoveEvent(event);
  requestAt(event);
  event->accept();
}

void TimelineRuler::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
  event->accept();
}

void TimelineRuler::retranslate() {
  setToolTip(tr("Click or drag to move the playhead (Shift: off the 0.1 s grid). Coloured lines are beats."));
}

void TimelineRuler::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
