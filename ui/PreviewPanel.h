#pragma once
// The "Live Preview" dock: the running render's denoising preview, replaced at every engine step, with the step
// count, an estimate of the time left, a cancel button and a plot of each step's time in milliseconds.
#include <QImage>
#include <QWidget>

#include "core/engine/JobQueue.h"

class QCustomPlot;
class QLabel;
class QPushButton;

namespace shotcraft::ui {

class RenderController;
struct RenderStep;

class PreviewPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewPanel(RenderController* controller, QWidget* parent = nullptr);

  engine::JobId currentJob() const { return m_job; }
  const QImage& previewImage() const { return m_image; }
  int stepsShown() const { return m_stepsShown; }  // steps of the current job so far
  int plotPointCount() const;
  QString stepText() const;
  QString etaText() const;
  QPushButton* cancelButton() const { return m_cancel; }
  QCustomPlot* plot() const { return m_plot; }

 public slots:
  void showStep(shotcraft::engine::JobId id, const shotcraft::ui::RenderStep& step);

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void startJob(engine::JobId id);
  void onFinished(engine::JobId id, engine::JobStatus status);
  void updateImage();
  void retranslate();

  RenderController* m_controller;
  engine::JobId m_job = 0;
  bool m_running = false;
  QImage m_image;
  int m_stepsShown = 0;
  int m_lastStep = 0;
  int m_lastSteps = 0;
  int m_keyframe = 0;
  int m_keyframes = 0;
  double m_eta_s = -1.0;
  QLabel* m_picture;
  QLabel* m_step;
  QLabel* m_eta;
  QPushButton* m_cancel;
  QCustomPlot* m_plot;
};

}  // namespace shotcraft::ui
