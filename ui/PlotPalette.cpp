#include "ui/PlotPalette.h"

#include <QEvent>
#include <qcustomplot.h>

namespace shotcraft::ui {

namespace {
QColor blend(const QColor& from, const QColor& to, double amount) {
  return QColor::fromRgbF(static_cast<float>(from.redF() + (to.redF() - from.redF()) * amount),
                          static_cast<float>(from.greenF() + (to.greenF() - from.greenF()) * amount),
                          static_cast<float>(from.blueF() + (to.blueF() - from.blueF()) * amount));
}
}  // namespace

PlotPalette::PlotPalette(QCustomPlot* plot) : QObject(plot) {}

QColor PlotPalette::gridColour(const QPalette& palette) {
  return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.2);
}

void PlotPalette::apply(QCustomPlot* plot, const QPalette& palette) {
  const QColor text = palette.color(QPalette::WindowText);
  const QColor grid = gridColour(palette);
  const QColor subGrid = blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.1);
  plot->setBackground(palette.brush(QPalette::Window));
  for (QCPAxisRect* rect : plot->axisRects()) {
    rect->setBackground(palette.brush(QPalette::Base));
    for (QCPAxis* axis : rect->axes()) {
      axis->setBasePen(QPen(text, 0));
      axis->setTickPen(QPen(text, 0));
      axis->setSubTickPen(QPen(text, 0));
      axis->setTickLabelColor(text);
      axis->setLabelColor(text);
      axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
      axis->grid()->setSubGridPen(QPen(subGrid, 0, Qt::DotLine));
    }
  }
  plot->legend->setBrush(palette.brush(QPalette::Base));
  plot->legend->setBorderPen(QPen(grid, 0));
  plot->legend->setTextColor(palette.color(QPalette::Text));
  plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPalette::follow(QCustomPlot* plot) {
  plot->installEventFilter(new PlotPalette(plot));
  apply(plot, plot->palette());
}

bool PlotPalette::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    auto* plot = qobject_cast<QCustomPlot*>(watched);
    if (plot != nullptr) apply(plot, plot->palette());
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace shotcraft::ui
