#include "ui/CameraCurvePlot.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/PlotPalette.h"

namespace shotcraft::ui {

using model::CameraChannel;

namespace {
// Graph order: zoom, pan x, pan y on the left axis; roll on the right axis.
constexpr CameraChannel kChannels[] = {CameraChannel::Zoom, CameraChannel::PanX, CameraChannel::PanY,
                                       CameraChannel::Roll};
const QColor kColours[] = {QColor(0x2e, 0x86, 0xde), QColor(0x27, 0xae, 0x60), QColor(0x8e, 0x44, 0xad),
                           QColor(0xe6, 0x7e, 0x22)};
}  // namespace

CameraCurvePlot::CameraCurvePlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  setObjectName(QStringLiteral("cameraCurvePlot"));
  m_plot->setObjectName(QStringLiteral("cameraCurvePlotArea"));
  m_plot->setMinimumHeight(130);
  m_plot->yAxis2->setVisible(true);
  for (int i = 0; i < 4; ++i) {
    QCPGraph* g = m_plot->addGraph(m_plot->xAxis, i == 3 ? m_plot->yAxis2 : m_plot->yAxis);
    g->setPen(QPen(kColours[i], 1.6));
  }
  m_plot->legend->setVisible(true);
  QFont legendFont = font();
  legendFont.setPointSizeF(legendFont.pointSizeF() * 0.8);
  m_plot->legend->setFont(legendFont);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  m_playhead = new QCPItemStraightLine(m_plot);  // owned by the plot
  m_playhead->setPen(QPen(QColor(0xff, 0xb0, 0x20), 1.5));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  PlotPalette::follow(m_plot);  // background, axes, grid and legend in the theme's colours
  setPlayhead(0.0);
  retranslate();
}

void CameraCurvePlot::setPath(const model::CameraPath& path, double duration_s) {
  const double end = std::max(0.01, duration_s);
  QVector<double> t(kSamples);
  for (int i = 0; i < kSamples; ++i) t[i] = end * i / (kSamples - 1);
  double lo = 0.0, hi = 1.0;
  for (int g = 0; g < 4; ++g) {
    QVector<double> v(kSamples);
    for (int i = 0; i < kSamples; ++i) v[i] = path.evaluate(kChannels[g], t[i]);
    m_plot->graph(g)->setData(t, v, true);
    if (g < 3) {
      lo = std::min(lo, *std::min_element(v.begin(), v.end()));
      hi = std::max(hi, *std::max_element(v.begin(), v.end()));
    } else {
      const double lo2 = std::min(-10.0, *std::min_element(v.begin(), v.end()));
      const double hi2 = std::max(10.0, *std::max_element(v.begin(), v.end()));
      m_plot->yAxis2->setRange(lo2 - 2.0, hi2 + 2.0);
    }
  }
  const double pad = 0.08 * (hi - lo);
  m_plot->yAxis->setRange(lo - pad, hi + pad);
  m_plot->xAxis->setRange(0.0, end);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CameraCurvePlot::setPlayhead(double t_s) {
  m_playhead->point1->setCoords(t_s, 0.0);
  m_playhead->point2->setCoords(t_s, 1.0);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CameraCurvePlot::retranslate() {
  m_plot->graph(0)->setName(tr("Zoom"));
  m_plot->graph(1)->setName(tr("Pan X"));
  m_plot->graph(2)->setName(tr("Pan Y"));
  m_plot->graph(3)->setName(tr("Roll (°)"));
  m_plot->xAxis->setLabel(tr("Time (s)"));
  m_plot->yAxis2->setLabel(tr("Roll (°)"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CameraCurvePlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
