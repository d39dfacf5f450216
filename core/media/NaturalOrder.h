#pragma once
// File-name order for numbered frames: "frame_2.png" before "frame_10.png". Runs of digits compare by value
// (leading zeros skipped, then length, then digits, so no overflow), everything else by character. Used to
// order take frames and control image sequences. (QCollator's numeric mode would do it but depends on ICU.)
#include <QString>
#include <QStringView>

namespace shotcraft::media {

inline bool naturalLess(const QString& a, const QString& b) {
  qsizetype i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].isDigit() && b[j].isDigit()) {
      qsizetype ei = i, ej = j;
      while (ei < a.size() && a[ei].isDigit()) ++ei;
      while (ej < b.size() && b[ej].isDigit()) ++ej;
      qsizetype si = i, sj = j;  // skip leading zeros, keeping one digit
      while (si + 1 < ei && a[si] == QLatin1Char('0')) ++si;
      while (sj + 1 < ej && b[sj] == QLatin1Char('0')) ++sj;
      const QStringView ta = QStringView(a).mid(si, ei - si), tb = QStringView(b).mid(sj, ej - sj);
      if (ta.size() != tb.size()) return ta.size() < tb.size();
      if (ta != tb) return ta < tb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace shotcraft::media
