#pragma once
// Shared pieces of the studio tests: a QApplication for the test main, a small three-act project,
// and a fixture that starts every test from empty settings and the English interface.
#include <QElapsedTimer>
#include <QString>
#include <QTimer>
#include <atomic>
#include <gtest/gtest.h>
#include <ostream>

#include "core/model/Project.h"

namespace shotcraft::test {

// Acts of 2, 3 and 1 shots ("a1".."c1" as titles), each with a prompt and a 2 s duration.
model::Project sampleProject();
// The bundled demo folder in the source tree ("" when it is missing).
QString demoProjectPath();

// Measures how responsive the UI thread is: a timer on it ticks every interval_ms from construction until stop();
// longest_ms() is the longest gap between ticks (or since the start). ticks() may be read from any thread.
class GapMeter {
 public:
  explicit GapMeter(int interval_ms = 5);
  void stop() { m_ticker.stop(); }
  qint64 longest_ms() const { return m_longest_ms; }
  qint64 elapsed_ms() const { return m_clock.elapsed(); }
  int ticks() const { return m_ticks.load(); }

 private:
  QElapsedTimer m_clock;
  QTimer m_ticker;
  qint64 m_last_ms = 0;
  qint64 m_longest_ms = 0;
  std::atomic<int> m_ticks{0};
};

class UiTest : public ::testing::Test {
 protected:
  void SetUp() override;     // clears QSettings, English, light theme
  void TearDown() override;  // processes deferred deletes
};

}  // namespace shotcraft::test

// Readable QString values in GoogleTest failure messages.
inline void PrintTo(const QString& text, std::ostream* out) { *out << '"' << text.toStdString() << '"'; }
