// `shotcraft-cli eval` end to end: a tiny random model (tests/torch/TinyModel) through the real torch plugin.
// The numbers of a random model mean nothing; this checks the command runs every measurement and writes a
// readable contact sheet, metrics.json with every metric key, and samples.csv.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>

#include "core/cli/Cli.h"
#include "tests/torch/TinyModel.h"

using namespace shotcraft;

namespace {

class EvalCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_tmp.isValid());
    qputenv("SHOTCRAFT_PLUGIN_PATH", SHOTCRAFT_BINARY_DIR "/plugins");
    m_model = m_tmp.filePath(QStringLiteral("model")).toStdString();
    ASSERT_EQ(test::writeTinyModel(m_model), "");
    // The tiny model has a depth ControlNet; the same random weights serve as canny and pose ones.
    namespace fs = std::filesystem;
    for (const char* kind : {"canny", "pose"}) {
      fs::copy(m_model + "/controlnet-depth", m_model + "/controlnet-" + kind, fs::copy_options::recursive);
    }
  }
  void TearDown() override { qunsetenv("SHOTCRAFT_PLUGIN_PATH"); }

  int run(const QStringList& args) {
    m_out.clear();
    m_err.clear();
    QTextStream out(&m_out), err(&m_err);
    cli::Context ctx{out, err};
    const int rc = cli::run(QStringList{QStringLiteral("eval")} + args, ctx);
    out.flush();
    err.flush();
    return rc;
  }

  QTemporaryDir m_tmp;
  std::string m_model;
  QString m_out, m_err;
};

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

TEST_F(EvalCli, TinyModelWritesContactSheetMetricsAndCsv) {
  const QString outDir = m_tmp.filePath(QStringLiteral("eval out"));
  // The tiny random model is slow at 256x144 (full-resolution attention): one step, no guidance, one control prompt.
  ASSERT_EQ(run({QStringLiteral("--model"), QString::fromStdString(m_model), QStringLiteral("--count"),
                 QStringLiteral("4"), QStringLiteral("--control-count"), QStringLiteral("1"), QStringLiteral("--steps"),
                 QStringLiteral("1"), QStringLiteral("--cfg"), QStringLiteral("1"), QStringLiteral("--probe-frames"),
                 QStringLiteral("60"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("-o"), outDir}),
            0)
      << m_err.toStdString() << m_out.toStdString();
  std::printf("%s", m_out.toUtf8().constData());
  // The probes were also fitted on, and calibrated on, the tiny model's autoencoder round trips.
  EXPECT_TRUE(
      m_out.contains(QLatin1String("probes: fitted on 60 real frames (20 of them through the model's "
                                   "autoencoder)")))
      << m_out.toStdString();
  EXPECT_TRUE(m_out.contains(QLatin1String(", through the model's autoencoder at "))) << m_out.toStdString();
  // Without --probe, the shipped learned probe (resources/eval/shotcraft-probe) feeds the attribute forests.
  EXPECT_TRUE(m_out.contains(QLatin1String("\nattribute probe: learned probe ("))) << m_out.toStdString();
  EXPECT_TRUE(m_out.contains(QLatin1String("; real frames through the model's autoencoder: "))) << m_out.toStdString();
  for (const char* line :
       {"\nattribute adherence: ", "\n  time of day: ", "\n  scene type: ", "\n  number of figures: ",
        "\n  dominant palette: ", "\nedge F1: ", "\ndepth correlation: ", "\npose keypoint error: "}) {
    EXPECT_TRUE(m_out.contains(QLatin1String(line))) << line << "\n" << m_out.toStdString();
  }

  const cv::Mat sheet = cv::imread(QDir(outDir).filePath(QStringLiteral("contact_sheet.png")).toStdString());
  ASSERT_FALSE(sheet.empty());
  EXPECT_GE(sheet.cols, 4 * 256);
  EXPECT_GE(sheet.rows, 2 * 144);  // the frame row and the canny sweep row

  const QJsonObject m = readJson(QDir(outDir).filePath(QStringLiteral("metrics.json")));
  ASSERT_FALSE(m.isEmpty());
  EXPECT_EQ(m.value(QStringLiteral("prompts")).toInt(), 4);
  EXPECT_EQ(m.value(QStringLiteral("control_prompts")).toInt(), 1);
  const double adherence = m.value(QStringLiteral("attribute_adherence")).toDouble(-1);
  EXPECT_GE(adherence, 0.0);
  EXPECT_LE(adherence, 1.0);
  const QJsonObject attrs = m.value(QStringLiteral("attributes")).toObject();
  for (const char* key : {"time_of_day", "scene_type", "figure_count", "palette"}) {
    const QJsonObject a = attrs.value(QLatin1String(key)).toObject();
    EXPECT_TRUE(a.contains(QStringLiteral("adherence"))) << key;
    EXPECT_TRUE(a.contains(QStringLiteral("probe_real_accuracy"))) << key;
    EXPECT_TRUE(a.contains(QStringLiteral("probe_chance"))) << key;
    EXPECT_TRUE(a.value(QStringLiteral("probe_autoencoded_accuracy")).isDouble()) << key;
    EXPECT_EQ(a.value(QStringLiteral("probe_autoencoded_confusion")).toArray().size(),
              a.value(QStringLiteral("classes")).toArray().size())
        << key;
  }
  EXPECT_TRUE(m.value(QStringLiteral("edge_f1")).toObject().value(QStringLiteral("real_autoencoded")).isDouble());
  EXPECT_TRUE(m.value(QStringLiteral("probes"))
                  .toObject()
                  .value(QStringLiteral("attribute_reader"))
                  .toString()
                  .endsWith(QLatin1String("shotcraft-probe)")));
  EXPECT_TRUE(m.value(QStringLiteral("depth_correlation"))
                  .toObject()
                  .value(QStringLiteral("probe_autoencoded_correlation"))
                  .isDouble());
  for (const char* key : {"edge_f1", "depth_correlation"}) {
    const QJsonObject c = m.value(QLatin1String(key)).toObject();
    EXPECT_TRUE(c.value(QStringLiteral("measured")).toBool()) << key;
    const QJsonArray byWeight = c.value(QStringLiteral("by_weight")).toArray();
    ASSERT_EQ(byWeight.size(), 3) << key;
    for (const auto& v : byWeight) EXPECT_TRUE(v.isDouble()) << key;
    EXPECT_TRUE(c.value(QStringLiteral("at_max_weight")).isDouble()) << key;
  }
  EXPECT_EQ(m.value(QStringLiteral("depth_correlation"))
                .toObject()
                .value(QStringLiteral("beyond_row_prior_by_weight"))
                .toArray()
                .size(),
            3);
  const QJsonObject pose = m.value(QStringLiteral("pose_keypoint_error")).toObject();
  ASSERT_TRUE(pose.contains(QStringLiteral("measured")));
  EXPECT_EQ(pose.value(QStringLiteral("by_weight")).toArray().size(), 3);
  if (!pose.value(QStringLiteral("measured")).toBool()) {
    EXPECT_FALSE(pose.value(QStringLiteral("reason")).toString().isEmpty());
  }

  QFile csv(QDir(outDir).filePath(QStringLiteral("samples.csv")));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
  const QStringList rows = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  EXPECT_EQ(rows.size(), 5);  // header + 4 prompts
  EXPECT_TRUE(rows.value(0).startsWith(QLatin1String("index,scene_seed,language,prompt")));
}

TEST_F(EvalCli, AModelWithoutAControlNetReportsItAsNotMeasured) {
  std::filesystem::remove_all(m_model + "/controlnet-pose");
  const QString outDir = m_tmp.filePath(QStringLiteral("out2"));
  ASSERT_EQ(run({QStringLiteral("--model"), QString::fromStdString(m_model), QStringLiteral("--count"),
                 QStringLiteral("1"), QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--cfg"),
                 QStringLiteral("1"), QStringLiteral("--probe-frames"), QStringLiteral("40"),
                 QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--probe"), QStringLiteral("forests"),
                 QStringLiteral("-o"), outDir}),
            0)
      << m_err.toStdString();
  EXPECT_TRUE(m_out.contains(QLatin1String("\nattribute probe: forests\n"))) << m_out.toStdString();
  EXPECT_TRUE(m_out.contains(QLatin1String("pose keypoint error: not measured (the model has no pose ControlNet)")))
      << m_out.toStdString();
  const QJsonObject pose = readJson(QDir(outDir).filePath(QStringLiteral("metrics.json")))
                               .value(QStringLiteral("pose_keypoint_error"))
                               .toObject();
  EXPECT_FALSE(pose.value(QStringLiteral("measured")).toBool(true));
  EXPECT_TRUE(pose.value(QStringLiteral("at_max_weight")).isNull());
}

TEST_F(EvalCli, AProbeFolderThatIsNotOneIsRefusedBeforeAnyWork) {
  const QString outDir = m_tmp.filePath(QStringLiteral("out3"));
  const QString probe = m_tmp.filePath(QStringLiteral("no-probe"));
  QDir().mkpath(probe);
  EXPECT_EQ(run({QStringLiteral("--model"), QString::fromStdString(m_model), QStringLiteral("--probe"), probe,
                 QStringLiteral("-o"), outDir}),
            1);
  EXPECT_EQ(m_err.trimmed(), QStringLiteral("shotcraft-cli eval: probe: cannot read ") + probe +
                                 QStringLiteral("/config.json"));
  EXPECT_FALSE(QDir(outDir).exists()) << "refused before the output folder was made";
}
