#pragma once
// Shared pieces of the studio tests: a QApplication for the test main, a small three-act project,
// and a fixture that starts every test from empty settings and the English interface.
#include <QString>
#include <gtest/gtest.h>
#include <ostream>

#include "core/model/Project.h"

namespace shotcraft::test {

// Acts of 2, 3 and 1 shots ("a1".."c1" as titles), each with a prompt and a 2 s duration.
model::Project sampleProject();
// The bundled demo folder in the source tree ("" when it is missing).
QString demoProjectPath();

class UiTest : public ::testing::Test {
 protected:
  void SetUp() override;     // clears QSettings, English, light theme
  void TearDown() override;  // processes deferred deletes
};

}  // namespace shotcraft::test

// Readable QString values in GoogleTest failure messages.
inline void PrintTo(const QString& text, std::ostream* out) { *out << '"' << text.toStdString() << '"'; }
