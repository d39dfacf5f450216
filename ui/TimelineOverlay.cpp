#include "ui/TimelineOverlay.h"

#include <QEvent>
#include <QPainter>

namespace shotcraft::ui {

TimelineOverlay::TimelineOverlay(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("TimelineOverlay"));
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_NoSystemBackground);
  setFocusPolicy(Qt::NoFocus);
  parent->installEventFilter(this);
  setGeometry(parent->rect());
  raise();
}

void TimelineOverlay::setPlayheadX(int x, int top) {
  if (x == m_playheadX && top == m_playheadTop) return;
  m_playheadX = x;
  m_playheadTop = top;
  update();
}

void TimelineOverlay::setDropLine(const QLine& line) {
  if (line == m_drop) return;
  m_drop = line;
  update();
}

void TimelineOverlay::paintEvent(QPaintEvent* event) {
  Q_UNUSED(event);
  QPainter painter(this);
  if (m_playheadX >= 0) {
    painter.setPen(QPen(QColor(0xe0, 0x45, 0x3a), 1.5));
    painter.drawLine(QPointF(m_playheadX, m_playheadTop), QPointF(m_playheadX, height()));
  }
  if (!m_drop.isNull()) {
    painter.setPen(QPen(palette().color(QPalette::Highlight), 3.0, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(m_drop);
  }
}

bool TimelineOverlay::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parent() && (event->type() == QEvent::Resize || event->type() == QEvent::ChildAdded)) {
    setGeometry(parentWidget()->rect());
    raise();  // stay above widgets added later
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace shotcraft::ui
