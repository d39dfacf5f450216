#pragma once
// The camera-path editor's mini time ruler: 0..duration with second ticks, a diamond per keyframe (drag one to
// re-time it between its neighbours), and the playhead (click or drag on the ruler to move it).
#include <QWidget>
#include <vector>

namespace shotcraft::ui {

class CameraTimeRuler : public QWidget {
  Q_OBJECT
 public:
  explicit CameraTimeRuler(QWidget* parent = nullptr);

  void setDuration(double duration_s);
  double duration() const { return m_duration_s; }
  void setKeyTimes(const std::vector<double>& times_s);
  void setSelectedKey(int key);
  void setPlayhead(double t_s);
  double playhead() const { return m_playhead_s; }

  double xForTime(double t_s) const;  // widget x of a time
  double timeForX(double x) const;    // clamped to 0..duration

  QSize sizeHint() const override { return {400, 34}; }
  QSize minimumSizeHint() const override { return {120, 30}; }

 signals:
  void keySelected(int key);
  void keyTimeDragged(int key, double t_s, const QString& gesture);  // one gesture per drag
  void playheadMoved(double t_s);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  double m_duration_s = 1.0;
  std::vector<double> m_keys_s;
  int m_selected = -1;
  double m_playhead_s = 0.0;
  int m_dragKey = -1;
  bool m_dragPlayhead = false;
  int m_dragCount = 0;
};

}  // namespace shotcraft::ui
