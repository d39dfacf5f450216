#pragma once
// Colours a QCustomPlot from a widget palette so the plots follow the light and dark themes: the widget's
// background (Window), the plotting area (Base), axes, ticks and labels (WindowText), grid lines (a blend of Base
// and Text) and the legend (Base, Text). follow() applies the plot's palette now and again on every palette
// change, which a theme switch sends to every widget.
#include <QObject>
#include <QPalette>

class QCustomPlot;

namespace shotcraft::ui {

class PlotPalette : public QObject {
  Q_OBJECT
 public:
  static void apply(QCustomPlot* plot, const QPalette& palette);
  static void follow(QCustomPlot* plot);  // the watcher is a child of the plot

  static QColor gridColour(const QPalette& palette);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  explicit PlotPalette(QCustomPlot* plot);
};

}  // namespace shotcraft::ui
