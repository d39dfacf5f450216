#include "ui/PreviewPanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "ui/PlotPalette.h"
#include "ui/RenderController.h"

namespace shotcraft::ui {

using engine::JobId;
using engine::JobStatus;

PreviewPanel::PreviewPanel(RenderController* controller, QWidget* parent)
    : QWidget(parent),
      m_controller(controller),
      m_picture(new QLabel(this)),
      m_step(new QLabel(this)),
      m_eta(new QLabel(this)),
      m_cancel(new QPushButton(this)),
      m_plot(new QCustomPlot(this)) {
  setObjectName(QStringLiteral("PreviewPanel"));
  m_picture->setAlignment(Qt::AlignCenter);
  m_picture->setWordWrap(true);
  m_picture->setMinimumSize(160, 90);
  m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  m_picture->setBackgroundRole(QPalette::AlternateBase);
  m_picture->setAutoFillBackground(true);
  m_picture->setObjectName(QStringLiteral("previewImage"));
  m_cancel->setObjectName(QStringLiteral("cancelPreviewJob"));
  m_cancel->setEnabled(false);
  m_plot->addGraph()->setPen(QPen(QColor(0x2e, 0x86, 0xde), 1.4));  // reads on light and dark
  m_plot->setMinimumHeight(110);
  m_plot->xAxis->setRange(0, 10);
  m_plot->yAxis->setRange(0, 100);
  PlotPalette::follow(m_plot);  // background, axes and grid in the theme's colours

  auto* info = new QHBoxLayout;
  info->addWidget(m_step);
  info->addWidget(m_eta, 1);
  info->addWidget(m_cancel);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_picture, 3);
  layout->addLayout(info);
  layout->addWidget(m_plot, 1);

  connect(controller, &RenderController::stepReported, this, &PreviewPanel::showStep);
  connect(controller->queue(), &engine::JobQueue::statusChanged, this, [this](JobId id, JobStatus status) {
    if (status == JobStatus::Running && m_controller->isRender(id)) startJob(id);
  });
  connect(controller->queue(), &engine::JobQueue::finished, this,
          [this](JobId id, JobStatus status, const QString&) { onFinished(id, status); });
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    if (m_job != 0) m_controller->cancel(m_job);
  });
  retranslate();
}

void PreviewPanel::startJob(JobId id) {
  if (id == m_job) return;
  m_job = id;
  m_running = true;
  m_stepsShown = 0;
  m_lastStep = m_lastSteps = m_keyframe = m_keyframes = 0;
  m_eta_s = -1.0;
  m_plot->graph(0)->data()->clear();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  m_cancel->setEnabled(true);
  retranslate();
}

void PreviewPanel::showStep(JobId id, const RenderStep& step) {
  if (id != m_job) startJob(id);
  if (!m_running) return;  // a late step of a job that already ended
  ++m_stepsShown;
  m_lastStep = step.step;
  m_lastSteps = step.steps;
  m_keyframe = step.keyframe;
  m_keyframes = step.keyframes;
  m_eta_s = step.eta_s;
  if (!step.preview.isNull()) {
    m_image = step.preview;
    updateImage();
  }
  m_plot->graph(0)->addData(m_stepsShown, step.step_ms);
  m_plot->graph(0)->rescaleAxes();
  m_plot->yAxis->setRangeLower(0.0);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  retranslate();
}

void PreviewPanel::onFinished(JobId id, JobStatus status) {
  if (id != m_job) return;
  m_running = false;
  m_cancel->setEnabled(false);
  m_eta_s = status == JobStatus::Completed ? 0.0 : -1.0;
  retranslate();
}

int PreviewPanel::plotPointCount() const { return m_plot->graph(0)->dataCount(); }

QString PreviewPanel::stepText() const {
  if (m_job == 0) return tr("No render running");
  if (m_lastSteps == 0) return tr("Starting…");
  return tr("Keyframe %1/%2 · step %3/%4").arg(m_keyframe + 1).arg(m_keyframes).arg(m_lastStep).arg(m_lastSteps);
}

QString PreviewPanel::etaText() const {
  if (m_eta_s < 0.0) return QString();
  return tr("about %1 s left").arg(QString::number(m_eta_s, 'f', m_eta_s < 10.0 ? 1 : 0));
}

void PreviewPanel::updateImage() {
  if (m_image.isNull()) {
    m_picture->setText(tr("The denoising preview appears here while a shot renders."));  // also drops a pixmap
    return;
  }
  m_picture->setPixmap(QPixmap::fromImage(m_image.scaled(m_picture->size(), Qt::KeepAspectRatio,
                                                         Qt::SmoothTransformation)));
}

void PreviewPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updateImage();
}

void PreviewPanel::retranslate() {
  m_cancel->setText(tr("Cancel"));
  m_step->setText(stepText());
  m_eta->setText(etaText());
  m_plot->xAxis->setLabel(tr("step"));
  m_plot->yAxis->setLabel(tr("ms per step"));
  if (m_image.isNull()) updateImage();
}

void PreviewPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
