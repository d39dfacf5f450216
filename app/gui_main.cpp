#include <QApplication>

#include "ui/MainWindow.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  shotcraft::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
