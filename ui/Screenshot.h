#pragma once
// `shotcraft --screenshot FILE`: saves a picture of a window once it has been shown and laid out.
#include <QString>
#include <functional>

class QWidget;

namespace shotcraft::ui {

class Screenshot {
 public:
  static constexpr int kSettle_ms = 700;

  // After settle_ms of event processing, grabs `widget` (QWidget::grab) into `path` (format from the suffix)
  // and calls done(true), or done(false) with a message on stderr when the file cannot be written.
  static void grabWhenSettled(QWidget* widget, const QString& path, std::function<void(bool ok)> done,
                              int settle_ms = kSettle_ms);
};

}  // namespace shotcraft::ui
