#pragma once
// The camera-path editor's plot: zoom, pan x and pan y (left axis) and roll in degrees (right axis) against the
// shot's time, sampled from the model's CameraPath::evaluate, with a line at the playhead.
#include <QWidget>

#include "core/model/CameraPath.h"

class QCustomPlot;
class QCPItemStraightLine;

namespace shotcraft::ui {

class CameraCurvePlot : public QWidget {
  Q_OBJECT
 public:
  explicit CameraCurvePlot(QWidget* parent = nullptr);

  void setPath(const model::CameraPath& path, double duration_s);
  void setPlayhead(double t_s);
  QCustomPlot* plot() const { return m_plot; }
  static constexpr int kSamples = 121;  // points per curve

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QCustomPlot* m_plot;
  QCPItemStraightLine* m_playhead;
};

}  // namespace shotcraft::ui
