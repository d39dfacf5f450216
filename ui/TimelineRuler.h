#pragma once
// The time ruler above the act bands: ticks and times that adapt to the zoom, the three acts' stretches as
// coloured strips, the project's beat markers as thin lines, and the playhead. A click or drag places the
// playhead (snapped to 0.1 s; Shift places it freely); the view decides and calls setPlayhead().
#include <QWidget>
#include <array>
#include <vector>

namespace shotcraft::ui {

class TimelineRuler : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kHeight_px = 34;

  explicit TimelineRuler(QWidget* parent = nullptr);

  void setPixelsPerSecond(double pixelsPerSecond);
  void setActEnds(const std::array<double, 3>& actEnds_s);  // cumulative: the end of each act in time
  void setBeats(std::vector<double> beats_s);                // sorted
  void setPlayhead(double seconds);

  double pixelsPerSecond() const { return m_pixelsPerSecond; }
  const std::vector<double>& beats_s() const { return m_beats_s; }
  double playhead_s() const { return m_playhead_s; }
  int xForTime(double seconds) const;  // in ruler coordinates
  double timeForX(int x) const;
  double majorTickStep_s() const;  // the labelled tick interval at the current zoom

 signals:
  void playheadRequested(double seconds);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void requestAt(const QMouseEvent* event);
  void retranslate();

  double m_pixelsPerSecond = 1.0;
  std::array<double, 3> m_actEnds_s{};
  std::vector<double> m_beats_s;
  double m_playhead_s = 0.0;
};

}  // namespace shotcraft::ui
