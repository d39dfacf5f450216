#include "ui/MainWindow.h"

namespace shotcraft::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) { setWindowTitle(tr("Shotcraft")); }

}  // namespace shotcraft::ui
