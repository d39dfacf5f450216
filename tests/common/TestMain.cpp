// Shared GoogleTest main: fixed C locale, QStandardPaths test mode, a QCoreApplication (or a QApplication
// when a UI test registers one through SHOTCRAFT_TEST_GUI), offscreen platform.
#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <clocale>
#include <cstdlib>

#include <gtest/gtest.h>

#include "tests/common/TestUtil.h"

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C");
  qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                                   : qgetenv("QT_QPA_PLATFORM"));
  QStandardPaths::setTestModeEnabled(true);
  ::testing::InitGoogleTest(&argc, argv);
  auto app = shotcraft::test::makeApplication(argc, argv);
  // Settings live in a folder of this process's own: ctest runs test processes in parallel, and tests that
  // write settings (recent files, model folder, remembered model names) must not see each other's.
  QTemporaryDir settingsDir;
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
  return RUN_ALL_TESTS();
}
