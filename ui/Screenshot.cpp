#include "ui/Screenshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <cstdio>

namespace shotcraft::ui {

void Screenshot::grabWhenSettled(QWidget* widget, const QString& path, std::function<void(bool ok)> done,
                                 int settle_ms) {
  QPointer<QWidget> target(widget);
  QTimer::singleShot(settle_ms, widget, [target, path, done = std::move(done)] {
    QCoreApplication::processEvents();
    bool ok = false;
    if (target) {
      QDir().mkpath(QFileInfo(path).absolutePath());
      ok = target->grab().save(path);
    }
    if (!ok) std::fprintf(stderr, "shotcraft: cannot write the screenshot %s\n", qPrintable(path));
    if (done) done(ok);
  });
}

}  // namespace shotcraft::ui
