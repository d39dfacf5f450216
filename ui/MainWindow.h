#pragma once
#include <QMainWindow>

namespace shotcraft::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace shotcraft::ui
