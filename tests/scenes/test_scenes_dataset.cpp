// Dataset writer and the `shotcraft-cli dataset` command.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>

#include "core/cli/Cli.h"
#include "core/scenes/DatasetWriter.h"

using namespace shotcraft;
using namespace shotcraft::scenes;

namespace {

std::vector<QJsonObject> readLines(const QString& path) {
  std::vector<QJsonObject> out;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return out;
  for (const QByteArray& line : f.readAll().split('\n')) {
    if (line.isEmpty()) continue;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    EXPECT_EQ(err.error, QJsonParseError::NoError) << line.toStdString();
    out.push_back(doc.object());
  }
  return out;
}

struct CliRun {
  int rc = 0;
  QString out, err;
};

CliRun runCli(const QStringList& args) {
  CliRun r;
  QTextStream out(&r.out), err(&r.err);
  cli::Context ctx{out, err};
  r.rc = cli::cmdDataset(args, ctx);
  out.flush();
  err.flush();
  return r;
}

}  // namespace

TEST(ScenesDataset, HoldoutRuleIsStableAndProportional) {
  int held = 0;
  for (int i = 0; i < 20000; ++i) held += isHoldout(sampleSeed(9, i), 0.1) ? 1 : 0;
  EXPECT_GT(held, 1800);
  EXPECT_LT(held, 2200);
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(isHoldout(sampleSeed(1, i), 0.0));
    EXPECT_TRUE(isHoldout(sampleSeed(1, i), 1.0));
  }
  EXPECT_EQ(sampleSeed(5, 3), sampleSeed(5, 3));
  EXPECT_NE(sampleSeed(5, 3), sampleSeed(6, 3));
  EXPECT_LT(sampleSeed(5, 3), uint64_t(1) << 53);
}

TEST(ScenesDataset, WritesSplitsWithFilesAndJson) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  DatasetOptions o;
  o.out_dir = tmp.path().toStdString() + "/ds";
  o.count = 40;
  o.seed = 3;
  o.width = 96;
  o.height = 54;
  o.holdout_fraction = 0.25;
  int calls = 0;
  DatasetSummary sum;
  std::string error;
  ASSERT_TRUE(writeDataset(o, [&](int done, int total) { calls += (done <= total) ? 1 : 0; }, &sum, &error)) << error;
  EXPECT_EQ(calls, 40);
  EXPECT_EQ(sum.train + sum.holdout, 40);
  EXPECT_GT(sum.holdout, 0);
  EXPECT_GT(sum.train, 0);
  EXPECT_TRUE(QFile::exists(QString::fromStdString(o.out_dir) + "/dataset.json"));

  std::set<qint64> seeds[2];
  std::set<QString> ids;
  for (int split = 0; split < 2; ++split) {
    const QString dir = QString::fromStdString(o.out_dir) + (split ? "/holdout" : "/train");
    const auto lines = readLines(dir + "/samples.jsonl");
    EXPECT_EQ(int(lines.size()), split ? sum.holdout : sum.train);
    for (const QJsonObject& j : lines) {
      const auto seed = qint64(j["seed"].toDouble());
      seeds[split].insert(seed);
      EXPECT_EQ(isHoldout(uint64_t(seed), 0.25), split == 1);
      EXPECT_EQ(j["split"].toString(), split ? "holdout" : "train");
      EXPECT_TRUE(ids.insert(j["id"].toString()).second);
      EXPECT_FALSE(j["prompt_en"].toString().isEmpty());
      EXPECT_FALSE(j["prompt_zh"].toString().isEmpty());
      const SceneSpec spec = sampleScene(uint64_t(seed));
      EXPECT_EQ(j["time_of_day"].toString().toStdString(), timeOfDayName(spec.time));
      EXPECT_EQ(j["scene_type"].toString().toStdString(), sceneTypeName(spec.type));
      EXPECT_EQ(j["palette"].toString().toStdString(), paletteName(spec.palette));
      const QJsonArray figures = j["figures"].toArray();
      EXPECT_EQ(j["figure_count"].toInt(), figures.size());
      EXPECT_EQ(figures.size(), qsizetype(spec.figures.size()));
      for (const auto& f : figures) {
        const QJsonArray kp = f.toObject()["keypoints"].toArray();
        ASSERT_EQ(kp.size(), kKeypointCount);
        EXPECT_TRUE(kp[kNeck].isArray());
      }
      for (const char* kind : {"rgb", "depth", "canny", "pose"}) {
        const QString file = dir + "/" + j[kind].toString();
        const cv::Mat m = cv::imread(file.toStdString(), cv::IMREAD_UNCHANGED);
        ASSERT_FALSE(m.empty()) << file.toStdString();
        EXPECT_EQ(m.size(), cv::Size(96, 54));
        EXPECT_EQ(m.channels(), (QString(kind) == "rgb" || QString(kind) == "pose") ? 3 : 1);
      }
    }
  }
  for (qint64 s : seeds[1]) EXPECT_EQ(seeds[0].count(s), 0u) << "holdout seed also in train";
  // PNG pixels equal the rendered sample (RGB order survives the round trip).
  const SceneSample s0 = renderScene(sampleScene(sampleSeed(3, 0)), 96, 54, phrasingSeed(sampleSeed(3, 0)));
  const QString split0 = isHoldout(sampleSeed(3, 0), 0.25) ? "/holdout" : "/train";
  cv::Mat back = cv::imread(o.out_dir + split0.toStdString() + "/000000_rgb.png", cv::IMREAD_COLOR);
  cv::cvtColor(back, back, cv::COLOR_BGR2RGB);
  EXPECT_EQ(cv::norm(back, s0.rgb, cv::NORM_INF), 0.0);
}

TEST(ScenesDataset, CliWritesAndSummarises) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  const QString dir = tmp.path() + "/cli";
  const CliRun r = runCli({"-o", dir, "--count", "6", "--seed", "11", "--width", "64", "--height", "48",
                           "--holdout-fraction", "0.5"});
  EXPECT_EQ(r.rc, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.contains("wrote 6 samples")) << r.out.toStdString();
  EXPECT_TRUE(r.out.contains("samples/s")) << r.out.toStdString();
  EXPECT_TRUE(QFile::exists(dir + "/train/samples.jsonl"));
  EXPECT_TRUE(QFile::exists(dir + "/holdout/samples.jsonl"));
  EXPECT_EQ(readLines(dir + "/train/samples.jsonl").size() + readLines(dir + "/holdout/samples.jsonl").size(), 6u);
}

TEST(ScenesDataset, CliRejectsBadInputWithOneLine) {
  QTemporaryDir tmp;
  const QString dir = tmp.path() + "/x";
  const std::vector<std::pair<QStringList, QString>> cases = {
      {{"-o", dir, "--count", "abc"}, "--count"},
      {{"-o", dir, "--count", "0"}, "--count"},
      {{"--count", "3"}, "-o"},
      {{"-o", dir}, "--count"},
      {{"-o", dir, "--count", "3", "--width", "5"}, "--width"},
      {{"-o", dir, "--count", "3", "--holdout-fraction", "1.5"}, "--holdout-fraction"},
      {{"-o", dir, "--count", "3", "--seed", "-4"}, "--seed"},
      {{"-o", dir, "--count", "3", "--bogus"}, "--bogus"},
      {{"-o", dir, "--count"}, "needs a value"},
  };
  for (const auto& [args, mention] : cases) {
    const CliRun r = runCli(args);
    EXPECT_EQ(r.rc, 2) << args.join(' ').toStdString();
    EXPECT_TRUE(r.err.contains(mention)) << r.err.toStdString();
    EXPECT_EQ(r.err.count('\n'), 1) << r.err.toStdString();
  }
  // Output under a regular file cannot be created.
  QFile blocker(tmp.path() + "/file");
  ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
  blocker.close();
  const CliRun r = runCli({"-o", tmp.path() + "/file/sub", "--count", "2"});
  EXPECT_EQ(r.rc, 1);
  EXPECT_TRUE(r.err.contains("cannot create")) << r.err.toStdString();
  EXPECT_EQ(r.err.count('\n'), 1);
}

TEST(ScenesDataset, HelpPrintsUsage) {
  const CliRun r = runCli({"--help"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_TRUE(r.out.contains("--holdout-fraction"));
}
