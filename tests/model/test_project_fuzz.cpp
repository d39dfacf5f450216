// Hostile input: byte-level mutations of the demo project and every field replaced by every JSON type.
// The loader must return (true or false with a message), never crash or hang.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <functional>
#include <random>

#include "core/model/ProjectJson.h"
#include "tests/common/TestUtil.h"

using namespace shotcraft::model;

namespace {
QByteArray demoBytes() {
  QFile f(QString::fromStdString(shotcraft::test::sourcePath("resources/demo/NeonDawn.shotcraft/project.json")));
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QJsonValue kOddValues[] = {QJsonValue(), QJsonValue(true), QJsonValue(-1), QJsonValue(1e300), QJsonValue(0.5),
                                 QJsonValue(QStringLiteral("")), QJsonValue(QStringLiteral("..")),
                                 QJsonValue(QJsonArray{1, 2}), QJsonValue(QJsonObject{{"x", 1}})};

// Calls visit(replaced document) for every member at every depth replaced by every odd value.
void forEachReplacement(const QJsonValue& v, const std::function<QJsonValue(const QJsonValue&)>& rebuild,
                        const std::function<void(const QJsonValue&)>& visit) {
  if (v.isObject()) {
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
      const QString key = it.key();
      auto inner = [&](const QJsonValue& nv) {
        QJsonObject copy = o;
        copy[key] = nv;
        return rebuild(copy);
      };
      for (const QJsonValue& odd : kOddValues) visit(inner(odd));
      forEachReplacement(it.value(), inner, visit);
    }
  } else if (v.isArray()) {
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
      auto inner = [&](const QJsonValue& nv) {
        QJsonArray copy = a;
        copy[i] = nv;
        return rebuild(copy);
      };
      for (const QJsonValue& odd : kOddValues) visit(inner(odd));
      forEachReplacement(a.at(i), inner, visit);
    }
  }
}
}  // namespace

TEST(ProjectFuzz, ByteMutationsNeverCrash) {
  const QByteArray original = demoBytes();
  ASSERT_FALSE(original.isEmpty());
  std::mt19937 rng(1234);
  int rejected = 0;
  for (int round = 0; round < 400; ++round) {
    QByteArray bytes = original;
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const auto at = qsizetype(rng() % uint32_t(bytes.size()));
      switch (rng() % 3) {
        case 0:
          bytes[at] = char(rng() % 256);
          break;
        case 1:
          bytes.remove(at, 1 + qsizetype(rng() % 16));
          break;
        default:
          bytes.truncate(at);
          break;
      }
      if (bytes.isEmpty()) break;
    }
    Project p;
    QString error;
    if (!ProjectJson::fromJson(bytes, &p, &error)) {
      ++rejected;
      EXPECT_FALSE(error.isEmpty());
      EXPECT_FALSE(error.contains('\n'));
    } else {
      EXPECT_EQ(p.validate(), QString());
    }
  }
  EXPECT_GT(rejected, 300);
}

TEST(ProjectFuzz, EveryFieldWithEveryTypeIsHandled) {
  const QJsonObject root = QJsonDocument::fromJson(demoBytes()).object();
  ASSERT_FALSE(root.isEmpty());
  int cases = 0;
  int accepted = 0;
  forEachReplacement(
      root, [](const QJsonValue& v) { return v; },
      [&](const QJsonValue& doc) {
        ++cases;
        Project p;
        QString error;
        if (ProjectJson::fromObject(doc.toObject(), &p, &error)) {
          ++accepted;
          EXPECT_EQ(p.validate(), QString());
        } else {
          EXPECT_FALSE(error.isEmpty());
        }
      });
  EXPECT_GT(cases, 1000);
  EXPECT_LT(accepted, cases);
}
