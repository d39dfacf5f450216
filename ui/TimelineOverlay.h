#pragma once
// Drawn over the timeline's act bands and clips, passing every mouse event through: the playhead's line and,
// while a clip is dragged, the drop indicator. Follows its parent's size.
#include <QLine>
#include <QWidget>

namespace shotcraft::ui {

class TimelineOverlay : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineOverlay(QWidget* parent);

  void setPlayheadX(int x, int top);  // parent coordinates; the line runs from top to the bottom
  void setDropLine(const QLine& line);  // a null line hides it
  const QLine& dropLine() const { return m_drop; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  int m_playheadX = -1;
  int m_playheadTop = 0;
  QLine m_drop;
};

}  // namespace shotcraft::ui
